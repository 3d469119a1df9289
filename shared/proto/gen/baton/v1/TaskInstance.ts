// Original file: proto/baton/v1/api.proto


export interface TaskInstance {
  'id'?: (string);
  'name'?: (string);
  'type'?: (string);
  'state'?: (string);
  'attempt'?: (number);
  'worker'?: (string);
  'started_at'?: (string);
  'ended_at'?: (string);
  'child_id'?: (string);
  'exit_code'?: (number);
  'has_exit_code'?: (boolean);
  'outputs'?: ({[key: string]: string});
  'decision'?: (string);
}

export interface TaskInstance__Output {
  'id': (string);
  'name': (string);
  'type': (string);
  'state': (string);
  'attempt': (number);
  'worker': (string);
  'started_at': (string);
  'ended_at': (string);
  'child_id': (string);
  'exit_code': (number);
  'has_exit_code': (boolean);
  'outputs': ({[key: string]: string});
  'decision': (string);
}
