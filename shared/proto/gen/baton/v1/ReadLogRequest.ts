// Original file: proto/baton/v1/worker.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadLogRequest {
  'task_instance_id'?: (string);
  'offset'?: (number | string | Long);
  'limit'?: (number);
}

export interface ReadLogRequest__Output {
  'task_instance_id': (string);
  'offset': (string);
  'limit': (number);
}
