// Original file: proto/baton/v1/api.proto


export interface ForceTaskSuccessRequest {
  'id'?: (string);
  'task'?: (string);
  'request_id'?: (string);
}

export interface ForceTaskSuccessRequest__Output {
  'id': (string);
  'task': (string);
  'request_id': (string);
}
