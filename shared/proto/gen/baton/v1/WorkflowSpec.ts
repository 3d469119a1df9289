// Original file: proto/baton/v1/definition.proto

import type { TaskSpec as _baton_v1_TaskSpec, TaskSpec__Output as _baton_v1_TaskSpec__Output } from '../../baton/v1/TaskSpec.js';
import type { Schedule as _baton_v1_Schedule, Schedule__Output as _baton_v1_Schedule__Output } from '../../baton/v1/Schedule.js';
import type { Alerts as _baton_v1_Alerts, Alerts__Output as _baton_v1_Alerts__Output } from '../../baton/v1/Alerts.js';

export interface WorkflowSpec {
  'name'?: (string);
  'execution_type'?: (string);
  'timeout'?: (string);
  'timeout_strategy'?: (string);
  'failure_strategy'?: (string);
  'params'?: ({[key: string]: string});
  'tasks'?: (_baton_v1_TaskSpec)[];
  'description'?: (string);
  'schedule'?: (_baton_v1_Schedule | null);
  'alerts'?: (_baton_v1_Alerts | null);
}

export interface WorkflowSpec__Output {
  'name': (string);
  'execution_type': (string);
  'timeout': (string);
  'timeout_strategy': (string);
  'failure_strategy': (string);
  'params': ({[key: string]: string});
  'tasks': (_baton_v1_TaskSpec__Output)[];
  'description': (string);
  'schedule': (_baton_v1_Schedule__Output | null);
  'alerts': (_baton_v1_Alerts__Output | null);
}
