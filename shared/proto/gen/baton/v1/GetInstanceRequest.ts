// Original file: proto/baton/v1/api.proto


export interface GetInstanceRequest {
  'id'?: (string);
}

export interface GetInstanceRequest__Output {
  'id': (string);
}
