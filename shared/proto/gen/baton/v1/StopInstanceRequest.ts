// Original file: proto/baton/v1/api.proto


export interface StopInstanceRequest {
  'id'?: (string);
}

export interface StopInstanceRequest__Output {
  'id': (string);
}
