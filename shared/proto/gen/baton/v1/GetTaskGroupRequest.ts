// Original file: proto/baton/v1/task_group.proto


export interface GetTaskGroupRequest {
  'name'?: (string);
  'limit'?: (number);
}

export interface GetTaskGroupRequest__Output {
  'name': (string);
  'limit': (number);
}
