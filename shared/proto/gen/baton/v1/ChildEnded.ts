// Original file: proto/baton/v1/master.proto


export interface ChildEnded {
  'parent_instance_id'?: (string);
  'child_instance_id'?: (string);
}

export interface ChildEnded__Output {
  'parent_instance_id': (string);
  'child_instance_id': (string);
}
