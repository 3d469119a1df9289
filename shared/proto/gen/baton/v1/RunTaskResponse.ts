// Original file: proto/baton/v1/worker.proto


export interface RunTaskResponse {
  'started_at'?: (string);
  'pid'?: (number);
  'already_known'?: (boolean);
  'state'?: (string);
}

export interface RunTaskResponse__Output {
  'started_at': (string);
  'pid': (number);
  'already_known': (boolean);
  'state': (string);
}
