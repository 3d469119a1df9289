// Original file: proto/baton/v1/task_group.proto

import type { TaskGroupHolder as _baton_v1_TaskGroupHolder, TaskGroupHolder__Output as _baton_v1_TaskGroupHolder__Output } from '../../baton/v1/TaskGroupHolder.js';
import type { TaskGroupWaiter as _baton_v1_TaskGroupWaiter, TaskGroupWaiter__Output as _baton_v1_TaskGroupWaiter__Output } from '../../baton/v1/TaskGroupWaiter.js';
import type { Long } from '@grpc/proto-loader';

export interface TaskGroup {
  'name'?: (string);
  'size'?: (number);
  'created_at'?: (string);
  'updated_at'?: (string);
  'shard'?: (number);
  'coordinator'?: (string);
  'holders'?: (_baton_v1_TaskGroupHolder)[];
  'waiting'?: (_baton_v1_TaskGroupWaiter)[];
  'waiting_count'?: (number | string | Long);
}

export interface TaskGroup__Output {
  'name': (string);
  'size': (number);
  'created_at': (string);
  'updated_at': (string);
  'shard': (number);
  'coordinator': (string);
  'holders': (_baton_v1_TaskGroupHolder__Output)[];
  'waiting': (_baton_v1_TaskGroupWaiter__Output)[];
  'waiting_count': (string);
}
