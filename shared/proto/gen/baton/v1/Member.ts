// Original file: proto/baton/v1/api.proto


export interface Member {
  'name'?: (string);
  'role'?: (string);
  'address'?: (string);
  'pid'?: (number);
  'host'?: (string);
  'started_at'?: (string);
  'group'?: (string);
}

export interface Member__Output {
  'name': (string);
  'role': (string);
  'address': (string);
  'pid': (number);
  'host': (string);
  'started_at': (string);
  'group': (string);
}
