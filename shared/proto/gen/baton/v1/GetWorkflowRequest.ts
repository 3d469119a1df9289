// Original file: proto/baton/v1/api.proto


export interface GetWorkflowRequest {
  'name'?: (string);
  'version'?: (number);
}

export interface GetWorkflowRequest__Output {
  'name': (string);
  'version': (number);
}
