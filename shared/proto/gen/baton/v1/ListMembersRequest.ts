// Original file: proto/baton/v1/api.proto


export interface ListMembersRequest {
}

export interface ListMembersRequest__Output {
}
