// Original file: proto/baton/v1/definition.proto


export interface SwitchCase {
  'when'?: (string);
  'next'?: (string);
}

export interface SwitchCase__Output {
  'when': (string);
  'next': (string);
}
