// Original file: proto/baton/v1/admin.proto


export interface ApiToken {
  'name'?: (string);
  'role'?: (string);
  'created_at'?: (string);
  'created_by'?: (string);
  'revoked_at'?: (string);
}

export interface ApiToken__Output {
  'name': (string);
  'role': (string);
  'created_at': (string);
  'created_by': (string);
  'revoked_at': (string);
}
