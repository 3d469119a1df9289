// Original file: proto/baton/v1/task_group.proto

import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from '../../baton/v1/TaskGroup.js';

export interface ListTaskGroupsResponse {
  'groups'?: (_baton_v1_TaskGroup)[];
}

export interface ListTaskGroupsResponse__Output {
  'groups': (_baton_v1_TaskGroup__Output)[];
}
