// Original file: proto/baton/v1/definition.proto


export interface ConditionItem {
  'task'?: (string);
  'state'?: (string);
}

export interface ConditionItem__Output {
  'task': (string);
  'state': (string);
}
