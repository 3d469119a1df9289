// Original file: proto/baton/v1/api.proto


export interface SetScheduleStateRequest {
  'workflow'?: (string);
  'state'?: (string);
}

export interface SetScheduleStateRequest__Output {
  'workflow': (string);
  'state': (string);
}
