// Original file: proto/baton/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchInstanceRequest {
  'id'?: (string);
  'after_change'?: (number | string | Long);
}

export interface WatchInstanceRequest__Output {
  'id': (string);
  'after_change': (string);
}
