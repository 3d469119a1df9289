// Original file: proto/baton/v1/task_group.proto


export interface TaskGroupHolder {
  'instance_id'?: (string);
  'task_instance_id'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'priority'?: (number);
  'since'?: (string);
  'owner'?: (string);
}

export interface TaskGroupHolder__Output {
  'instance_id': (string);
  'task_instance_id': (string);
  'task': (string);
  'attempt': (number);
  'priority': (number);
  'since': (string);
  'owner': (string);
}
