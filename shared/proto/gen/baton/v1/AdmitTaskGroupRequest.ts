// Original file: proto/baton/v1/task_group.proto


export interface AdmitTaskGroupRequest {
  'group'?: (string);
}

export interface AdmitTaskGroupRequest__Output {
  'group': (string);
}
