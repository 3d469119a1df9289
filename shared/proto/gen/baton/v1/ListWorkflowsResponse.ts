// Original file: proto/baton/v1/api.proto

import type { WorkflowDefinition as _baton_v1_WorkflowDefinition, WorkflowDefinition__Output as _baton_v1_WorkflowDefinition__Output } from '../../baton/v1/WorkflowDefinition.js';

export interface ListWorkflowsResponse {
  'workflows'?: (_baton_v1_WorkflowDefinition)[];
  'next_page_token'?: (string);
}

export interface ListWorkflowsResponse__Output {
  'workflows': (_baton_v1_WorkflowDefinition__Output)[];
  'next_page_token': (string);
}
