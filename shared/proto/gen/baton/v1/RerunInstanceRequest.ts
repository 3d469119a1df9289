// Original file: proto/baton/v1/api.proto


export interface RerunInstanceRequest {
  'id'?: (string);
  'request_id'?: (string);
}

export interface RerunInstanceRequest__Output {
  'id': (string);
  'request_id': (string);
}
