// Original file: proto/baton/v1/master.proto


export interface StopOwnedInstanceRequest {
  'instance_id'?: (string);
}

export interface StopOwnedInstanceRequest__Output {
  'instance_id': (string);
}
