// Original file: proto/baton/v1/api.proto


export interface GetBackfillRequest {
  'id'?: (string);
}

export interface GetBackfillRequest__Output {
  'id': (string);
}
