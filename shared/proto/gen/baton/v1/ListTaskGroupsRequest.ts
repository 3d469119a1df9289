// Original file: proto/baton/v1/task_group.proto


export interface ListTaskGroupsRequest {
}

export interface ListTaskGroupsRequest__Output {
}
