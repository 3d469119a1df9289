// Original file: proto/baton/v1/api.proto


export interface StateChange {
  'at'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'from_state'?: (string);
  'to_state'?: (string);
  'actor'?: (string);
  'epoch'?: (string);
  'reason'?: (string);
}

export interface StateChange__Output {
  'at': (string);
  'task': (string);
  'attempt': (number);
  'from_state': (string);
  'to_state': (string);
  'actor': (string);
  'epoch': (string);
  'reason': (string);
}
