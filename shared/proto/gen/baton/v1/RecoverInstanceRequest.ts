// Original file: proto/baton/v1/api.proto


export interface RecoverInstanceRequest {
  'id'?: (string);
  'start_tasks'?: (string)[];
  'request_id'?: (string);
}

export interface RecoverInstanceRequest__Output {
  'id': (string);
  'start_tasks': (string)[];
  'request_id': (string);
}
