// Original file: proto/baton/v1/serial.proto

import type { Long } from '@grpc/proto-loader';

export interface WaitingInstance {
  'instance_id'?: (string);
  'position'?: (number | string | Long);
  'queued_at'?: (string);
  'owner'?: (string);
  'execution_type'?: (string);
  'ticket'?: (string);
  'round'?: (number);
}

export interface WaitingInstance__Output {
  'instance_id': (string);
  'position': (string);
  'queued_at': (string);
  'owner': (string);
  'execution_type': (string);
  'ticket': (string);
  'round': (number);
}
