// Original file: proto/baton/v1/worker.proto


export interface KillTaskResponse {
  'known'?: (boolean);
}

export interface KillTaskResponse__Output {
  'known': (boolean);
}
