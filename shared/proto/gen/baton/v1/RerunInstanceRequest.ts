// Original file: proto/baton/v1/api.proto


export interface RerunInstanceRequest {
  'id'?: (string);
}

export interface RerunInstanceRequest__Output {
  'id': (string);
}
