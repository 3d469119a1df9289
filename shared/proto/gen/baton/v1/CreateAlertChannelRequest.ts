// Original file: proto/baton/v1/api.proto


export interface CreateAlertChannelRequest {
  'name'?: (string);
  'webhook'?: (string);
  'secret'?: (string);
}

export interface CreateAlertChannelRequest__Output {
  'name': (string);
  'webhook': (string);
  'secret': (string);
}
