// Original file: proto/baton/v1/admin.proto


export interface CreateTokenRequest {
  'name'?: (string);
  'role'?: (string);
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'role': (string);
}
