// Original file: proto/baton/v1/api.proto


export interface ListWorkflowsRequest {
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListWorkflowsRequest__Output {
  'page_size': (number);
  'page_token': (string);
}
