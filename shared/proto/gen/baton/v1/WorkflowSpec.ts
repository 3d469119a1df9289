// Original file: proto/baton/v1/definition.proto

import type { TaskSpec as _baton_v1_TaskSpec, TaskSpec__Output as _baton_v1_TaskSpec__Output } from '../../baton/v1/TaskSpec.js';

export interface WorkflowSpec {
  'name'?: (string);
  'execution_type'?: (string);
  'timeout'?: (string);
  'timeout_strategy'?: (string);
  'failure_strategy'?: (string);
  'params'?: ({[key: string]: string});
  'tasks'?: (_baton_v1_TaskSpec)[];
  'description'?: (string);
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
}
