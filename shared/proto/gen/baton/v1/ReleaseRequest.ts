// Original file: proto/baton/v1/coordinator.proto


export interface ReleaseRequest {
  'workflow'?: (string);
  'instance_id'?: (string);
}

export interface ReleaseRequest__Output {
  'workflow': (string);
  'instance_id': (string);
}
