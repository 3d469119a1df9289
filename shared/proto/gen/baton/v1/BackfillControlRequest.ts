// Original file: proto/baton/v1/api.proto


export interface BackfillControlRequest {
  'id'?: (string);
  'request_id'?: (string);
}

export interface BackfillControlRequest__Output {
  'id': (string);
  'request_id': (string);
}
