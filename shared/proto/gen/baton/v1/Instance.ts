// Original file: proto/baton/v1/api.proto

import type { TaskInstance as _baton_v1_TaskInstance, TaskInstance__Output as _baton_v1_TaskInstance__Output } from '../../baton/v1/TaskInstance.js';

export interface Instance {
  'id'?: (string);
  'workflow'?: (string);
  'version'?: (number);
  'execution_type'?: (string);
  'state'?: (string);
  'params'?: ({[key: string]: string});
  'created_at'?: (string);
  'started_at'?: (string);
  'ended_at'?: (string);
  'owner'?: (string);
  'owner_epoch'?: (string);
  'parent_id'?: (string);
  'parent_task'?: (string);
  'parent_task_attempt'?: (number);
  'stop_requested'?: (boolean);
  'tasks'?: (_baton_v1_TaskInstance)[];
  'scheduled_at'?: (string);
  'rerun_of'?: (string);
  'schedule_time'?: (string);
  'round'?: (number);
  'start_tasks'?: (string)[];
  'scope'?: (string);
  'backfill_id'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface Instance__Output {
  'id': (string);
  'workflow': (string);
  'version': (number);
  'execution_type': (string);
  'state': (string);
  'params': ({[key: string]: string});
  'created_at': (string);
  'started_at': (string);
  'ended_at': (string);
  'owner': (string);
  'owner_epoch': (string);
  'parent_id': (string);
  'parent_task': (string);
  'parent_task_attempt': (number);
  'stop_requested': (boolean);
  'tasks': (_baton_v1_TaskInstance__Output)[];
  'scheduled_at': (string);
  'rerun_of': (string);
  'schedule_time': (string);
  'round': (number);
  'start_tasks': (string)[];
  'scope': (string);
  'backfill_id': (string);
  'labels': ({[key: string]: string});
}
