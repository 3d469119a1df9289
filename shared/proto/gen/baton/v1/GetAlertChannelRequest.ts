// Original file: proto/baton/v1/api.proto


export interface GetAlertChannelRequest {
  'name'?: (string);
  'limit'?: (number);
}

export interface GetAlertChannelRequest__Output {
  'name': (string);
  'limit': (number);
}
