// Original file: proto/baton/v1/api.proto


export interface ListInstancesRequest {
  'workflow'?: (string);
  'state'?: (string);
  'limit'?: (number);
}

export interface ListInstancesRequest__Output {
  'workflow': (string);
  'state': (string);
  'limit': (number);
}
