// Original file: proto/baton/v1/serial.proto


export interface GetSerialStateRequest {
  'workflow'?: (string);
  'limit'?: (number);
}

export interface GetSerialStateRequest__Output {
  'workflow': (string);
  'limit': (number);
}
