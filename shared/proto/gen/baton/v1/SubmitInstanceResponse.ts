// Original file: proto/baton/v1/master.proto


export interface SubmitInstanceResponse {
  'owner'?: (string);
  'epoch'?: (string);
}

export interface SubmitInstanceResponse__Output {
  'owner': (string);
  'epoch': (string);
}
