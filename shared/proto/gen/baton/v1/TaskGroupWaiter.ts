// Original file: proto/baton/v1/task_group.proto

import type { Long } from '@grpc/proto-loader';

export interface TaskGroupWaiter {
  'position'?: (number | string | Long);
  'instance_id'?: (string);
  'task_instance_id'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'priority'?: (number);
  'queued_at'?: (string);
  'owner'?: (string);
  'waiting_ms'?: (number | string | Long);
}

export interface TaskGroupWaiter__Output {
  'position': (string);
  'instance_id': (string);
  'task_instance_id': (string);
  'task': (string);
  'attempt': (number);
  'priority': (number);
  'queued_at': (string);
  'owner': (string);
  'waiting_ms': (string);
}
