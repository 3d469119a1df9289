// Original file: proto/baton/v1/master.proto


export interface SubmitInstanceRequest {
  'instance_id'?: (string);
}

export interface SubmitInstanceRequest__Output {
  'instance_id': (string);
}
