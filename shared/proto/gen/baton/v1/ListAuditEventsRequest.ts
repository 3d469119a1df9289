// Original file: proto/baton/v1/api.proto


export interface ListAuditEventsRequest {
  'actor'?: (string);
  'action'?: (string);
  'target'?: (string);
  'since'?: (string);
  'limit'?: (number);
  'page_token'?: (string);
}

export interface ListAuditEventsRequest__Output {
  'actor': (string);
  'action': (string);
  'target': (string);
  'since': (string);
  'limit': (number);
  'page_token': (string);
}
