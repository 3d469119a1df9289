// Original file: proto/baton/v1/worker.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadLogResponse {
  'content'?: (string);
  'next_offset'?: (number | string | Long);
  'complete'?: (boolean);
}

export interface ReadLogResponse__Output {
  'content': (string);
  'next_offset': (string);
  'complete': (boolean);
}
