// Original file: proto/baton/v1/definition.proto


export interface DependentItem {
  'workflow'?: (string);
  'task'?: (string);
  'cycle'?: (string);
  'date'?: (string);
}

export interface DependentItem__Output {
  'workflow': (string);
  'task': (string);
  'cycle': (string);
  'date': (string);
}
