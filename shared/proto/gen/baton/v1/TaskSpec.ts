// Original file: proto/baton/v1/definition.proto

import type { Condition as _baton_v1_Condition, Condition__Output as _baton_v1_Condition__Output } from '../../baton/v1/Condition.js';
import type { SwitchCase as _baton_v1_SwitchCase, SwitchCase__Output as _baton_v1_SwitchCase__Output } from '../../baton/v1/SwitchCase.js';
import type { DependOn as _baton_v1_DependOn, DependOn__Output as _baton_v1_DependOn__Output } from '../../baton/v1/DependOn.js';

export interface TaskSpec {
  'name'?: (string);
  'type'?: (string);
  'command'?: (string);
  'workflow'?: (string);
  'depends_on'?: (string)[];
  'retries'?: (number);
  'retry_interval'?: (string);
  'timeout'?: (string);
  'timeout_strategy'?: (string);
  'worker_group'?: (string);
  'params'?: ({[key: string]: string});
  'outputs'?: (string)[];
  'condition'?: (_baton_v1_Condition | null);
  'on_true'?: (string)[];
  'on_false'?: (string)[];
  'switch'?: (_baton_v1_SwitchCase)[];
  'default'?: (string);
  'depend_on'?: (_baton_v1_DependOn | null);
  'check_interval'?: (string);
  'task_group'?: (string);
  'task_group_priority'?: (number);
}

export interface TaskSpec__Output {
  'name': (string);
  'type': (string);
  'command': (string);
  'workflow': (string);
  'depends_on': (string)[];
  'retries': (number);
  'retry_interval': (string);
  'timeout': (string);
  'timeout_strategy': (string);
  'worker_group': (string);
  'params': ({[key: string]: string});
  'outputs': (string)[];
  'condition': (_baton_v1_Condition__Output | null);
  'on_true': (string)[];
  'on_false': (string)[];
  'switch': (_baton_v1_SwitchCase__Output)[];
  'default': (string);
  'depend_on': (_baton_v1_DependOn__Output | null);
  'check_interval': (string);
  'task_group': (string);
  'task_group_priority': (number);
}
