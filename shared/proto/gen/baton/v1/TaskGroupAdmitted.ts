// Original file: proto/baton/v1/task_group.proto


export interface TaskGroupAdmitted {
  'group'?: (string);
  'instance_id'?: (string);
  'task_instance_id'?: (string);
}

export interface TaskGroupAdmitted__Output {
  'group': (string);
  'instance_id': (string);
  'task_instance_id': (string);
}
