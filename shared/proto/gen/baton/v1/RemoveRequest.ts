// Original file: proto/baton/v1/coordinator.proto


export interface RemoveRequest {
  'workflow'?: (string);
  'instance_id'?: (string);
  'ticket'?: (string);
}

export interface RemoveRequest__Output {
  'workflow': (string);
  'instance_id': (string);
  'ticket': (string);
}
