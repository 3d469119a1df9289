// Original file: proto/baton/v1/task_group.proto


export interface AdmitTaskGroupResponse {
  'admitted'?: (string)[];
}

export interface AdmitTaskGroupResponse__Output {
  'admitted': (string)[];
}
