// Original file: proto/baton/v1/task_group.proto


export interface SetTaskGroupRequest {
  'name'?: (string);
  'size'?: (number);
}

export interface SetTaskGroupRequest__Output {
  'name': (string);
  'size': (number);
}
