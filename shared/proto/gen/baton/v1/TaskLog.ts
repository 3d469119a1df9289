// Original file: proto/baton/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface TaskLog {
  'content'?: (string);
  'next_offset'?: (number | string | Long);
  'complete'?: (boolean);
  'worker'?: (string);
  'attempt'?: (number);
}

export interface TaskLog__Output {
  'content': (string);
  'next_offset': (string);
  'complete': (boolean);
  'worker': (string);
  'attempt': (number);
}
