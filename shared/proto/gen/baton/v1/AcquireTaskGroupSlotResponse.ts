// Original file: proto/baton/v1/task_group.proto

import type { Long } from '@grpc/proto-loader';

export interface AcquireTaskGroupSlotResponse {
  'decision'?: (string);
  'position'?: (number | string | Long);
}

export interface AcquireTaskGroupSlotResponse__Output {
  'decision': (string);
  'position': (string);
}
