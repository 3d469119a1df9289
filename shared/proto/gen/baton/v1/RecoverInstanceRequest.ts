// Original file: proto/baton/v1/api.proto


export interface RecoverInstanceRequest {
  'id'?: (string);
}

export interface RecoverInstanceRequest__Output {
  'id': (string);
}
