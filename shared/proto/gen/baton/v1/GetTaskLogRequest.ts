// Original file: proto/baton/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface GetTaskLogRequest {
  'instance_id'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'offset'?: (number | string | Long);
  'limit'?: (number);
}

export interface GetTaskLogRequest__Output {
  'instance_id': (string);
  'task': (string);
  'attempt': (number);
  'offset': (string);
  'limit': (number);
}
