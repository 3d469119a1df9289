// Original file: proto/baton/v1/api.proto


export interface AuditEvent {
  'id'?: (string);
  'at'?: (string);
  'actor'?: (string);
  'action'?: (string);
  'target_kind'?: (string);
  'target'?: (string);
  'detail'?: (string);
}

export interface AuditEvent__Output {
  'id': (string);
  'at': (string);
  'actor': (string);
  'action': (string);
  'target_kind': (string);
  'target': (string);
  'detail': (string);
}
