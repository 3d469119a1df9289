// Original file: proto/baton/v1/api.proto


export interface ListBackfillsRequest {
  'workflow'?: (string);
  'limit'?: (number);
}

export interface ListBackfillsRequest__Output {
  'workflow': (string);
  'limit': (number);
}
