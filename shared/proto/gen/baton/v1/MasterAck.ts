// Original file: proto/baton/v1/master.proto


export interface MasterAck {
}

export interface MasterAck__Output {
}
