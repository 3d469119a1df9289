// Original file: proto/baton/v1/task_group.proto


export interface TaskGroupSlotRequest {
  'group'?: (string);
  'instance_id'?: (string);
  'task_instance_id'?: (string);
  'task'?: (string);
  'attempt'?: (number);
  'priority'?: (number);
  'owner'?: (string);
  'epoch'?: (string);
}

export interface TaskGroupSlotRequest__Output {
  'group': (string);
  'instance_id': (string);
  'task_instance_id': (string);
  'task': (string);
  'attempt': (number);
  'priority': (number);
  'owner': (string);
  'epoch': (string);
}
