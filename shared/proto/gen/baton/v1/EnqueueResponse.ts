// Original file: proto/baton/v1/coordinator.proto

import type { Long } from '@grpc/proto-loader';

export interface EnqueueResponse {
  'decision'?: (string);
  'position'?: (number | string | Long);
  'holder_instance_id'?: (string);
}

export interface EnqueueResponse__Output {
  'decision': (string);
  'position': (string);
  'holder_instance_id': (string);
}
