// Original file: proto/baton/v1/api.proto


export interface StopInstanceRequest {
  'id'?: (string);
  'request_id'?: (string);
}

export interface StopInstanceRequest__Output {
  'id': (string);
  'request_id': (string);
}
