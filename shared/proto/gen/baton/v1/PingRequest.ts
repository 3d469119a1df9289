// Original file: proto/baton/v1/coordinator.proto


export interface PingRequest {
}

export interface PingRequest__Output {
}
