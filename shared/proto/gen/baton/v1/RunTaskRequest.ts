// Original file: proto/baton/v1/worker.proto

import type { Long } from '@grpc/proto-loader';

export interface RunTaskRequest {
  'task_instance_id'?: (string);
  'instance_id'?: (string);
  'epoch'?: (string);
  'owner'?: (string);
  'owner_address'?: (string);
  'task_name'?: (string);
  'attempt'?: (number);
  'command'?: (string);
  'params'?: ({[key: string]: string});
  'timeout_ms'?: (number | string | Long);
  'workflow'?: (string);
  'takeover_only'?: (boolean);
  'worker_started_at'?: (string);
  'outputs'?: (string)[];
}

export interface RunTaskRequest__Output {
  'task_instance_id': (string);
  'instance_id': (string);
  'epoch': (string);
  'owner': (string);
  'owner_address': (string);
  'task_name': (string);
  'attempt': (number);
  'command': (string);
  'params': ({[key: string]: string});
  'timeout_ms': (string);
  'workflow': (string);
  'takeover_only': (boolean);
  'worker_started_at': (string);
  'outputs': (string)[];
}
