// Original file: proto/baton/v1/serial.proto


export interface SlotHolder {
  'instance_id'?: (string);
  'since'?: (string);
  'epoch'?: (string);
  'owner'?: (string);
  'ticket'?: (string);
  'round'?: (number);
}

export interface SlotHolder__Output {
  'instance_id': (string);
  'since': (string);
  'epoch': (string);
  'owner': (string);
  'ticket': (string);
  'round': (number);
}
