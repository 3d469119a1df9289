// Original file: proto/baton/v1/api.proto


export interface DeleteAlertChannelRequest {
  'name'?: (string);
}

export interface DeleteAlertChannelRequest__Output {
  'name': (string);
}
