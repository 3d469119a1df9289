// Original file: proto/baton/v1/coordinator.proto


export interface EnqueueRequest {
  'workflow'?: (string);
  'instance_id'?: (string);
  'execution_type'?: (string);
  'owner'?: (string);
  'epoch'?: (string);
  'ticket'?: (string);
  'round'?: (number);
}

export interface EnqueueRequest__Output {
  'workflow': (string);
  'instance_id': (string);
  'execution_type': (string);
  'owner': (string);
  'epoch': (string);
  'ticket': (string);
  'round': (number);
}
