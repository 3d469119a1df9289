// Original file: proto/baton/v1/api.proto


export interface ListWorkflowsRequest {
}

export interface ListWorkflowsRequest__Output {
}
