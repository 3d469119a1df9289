// Original file: proto/baton/v1/api.proto


export interface PauseInstanceRequest {
  'id'?: (string);
  'request_id'?: (string);
}

export interface PauseInstanceRequest__Output {
  'id': (string);
  'request_id': (string);
}
