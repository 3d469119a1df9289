// Original file: proto/baton/v1/api.proto


export interface ResumeInstanceRequest {
  'id'?: (string);
  'request_id'?: (string);
}

export interface ResumeInstanceRequest__Output {
  'id': (string);
  'request_id': (string);
}
