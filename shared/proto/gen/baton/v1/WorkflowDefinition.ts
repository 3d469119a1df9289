// Original file: proto/baton/v1/api.proto

import type { WorkflowSpec as _baton_v1_WorkflowSpec, WorkflowSpec__Output as _baton_v1_WorkflowSpec__Output } from '../../baton/v1/WorkflowSpec.js';

export interface WorkflowDefinition {
  'name'?: (string);
  'version'?: (number);
  'spec'?: (_baton_v1_WorkflowSpec | null);
  'created_at'?: (string);
  'next_fire_at'?: (string);
  'schedule_state'?: (string);
}

export interface WorkflowDefinition__Output {
  'name': (string);
  'version': (number);
  'spec': (_baton_v1_WorkflowSpec__Output | null);
  'created_at': (string);
  'next_fire_at': (string);
  'schedule_state': (string);
}
