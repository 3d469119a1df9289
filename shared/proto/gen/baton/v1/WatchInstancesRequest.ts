// Original file: proto/baton/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface WatchInstancesRequest {
  'workflow'?: (string);
  'labels'?: ({[key: string]: string});
  'states'?: (string)[];
  'after_change'?: (number | string | Long);
}

export interface WatchInstancesRequest__Output {
  'workflow': (string);
  'labels': ({[key: string]: string});
  'states': (string)[];
  'after_change': (string);
}
