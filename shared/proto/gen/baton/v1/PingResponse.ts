// Original file: proto/baton/v1/coordinator.proto


export interface PingResponse {
  'name'?: (string);
}

export interface PingResponse__Output {
  'name': (string);
}
