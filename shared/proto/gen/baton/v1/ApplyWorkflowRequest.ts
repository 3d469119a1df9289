// Original file: proto/baton/v1/api.proto

import type { WorkflowSpec as _baton_v1_WorkflowSpec, WorkflowSpec__Output as _baton_v1_WorkflowSpec__Output } from '../../baton/v1/WorkflowSpec.js';

export interface ApplyWorkflowRequest {
  'yaml'?: (string);
  'spec'?: (_baton_v1_WorkflowSpec | null);
  'source'?: "yaml"|"spec";
}

export interface ApplyWorkflowRequest__Output {
  'yaml'?: (string);
  'spec'?: (_baton_v1_WorkflowSpec__Output | null);
  'source'?: "yaml"|"spec";
}
