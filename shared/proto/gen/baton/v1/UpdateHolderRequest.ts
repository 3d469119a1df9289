// Original file: proto/baton/v1/coordinator.proto


export interface UpdateHolderRequest {
  'workflow'?: (string);
  'instance_id'?: (string);
  'owner'?: (string);
  'epoch'?: (string);
  'ticket'?: (string);
}

export interface UpdateHolderRequest__Output {
  'workflow': (string);
  'instance_id': (string);
  'owner': (string);
  'epoch': (string);
  'ticket': (string);
}
