// Original file: proto/baton/v1/api.proto

import type { Long } from '@grpc/proto-loader';

export interface InstanceEvent {
  'change_id'?: (number | string | Long);
  'instance_id'?: (string);
  'workflow'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'from_state'?: (string);
  'to_state'?: (string);
  'worker'?: (string);
  'outputs'?: ({[key: string]: string});
  'reason'?: (string);
  'actor'?: (string);
  'epoch'?: (string);
  'at'?: (string);
  'child_id'?: (string);
}

export interface InstanceEvent__Output {
  'change_id': (string);
  'instance_id': (string);
  'workflow': (string);
  'task': (string);
  'attempt': (number);
  'from_state': (string);
  'to_state': (string);
  'worker': (string);
  'outputs': ({[key: string]: string});
  'reason': (string);
  'actor': (string);
  'epoch': (string);
  'at': (string);
  'child_id': (string);
}
