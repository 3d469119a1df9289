// Original file: proto/baton/v1/master.proto


export interface SerialDecision {
  'instance_id'?: (string);
  'workflow'?: (string);
  'decision'?: (string);
  'ticket'?: (string);
}

export interface SerialDecision__Output {
  'instance_id': (string);
  'workflow': (string);
  'decision': (string);
  'ticket': (string);
}
