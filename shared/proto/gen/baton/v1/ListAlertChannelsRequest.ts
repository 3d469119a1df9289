// Original file: proto/baton/v1/api.proto


export interface ListAlertChannelsRequest {
}

export interface ListAlertChannelsRequest__Output {
}
