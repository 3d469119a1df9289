// Original file: proto/baton/v1/coordinator.proto


export interface RemoveResponse {
  'removed'?: (boolean);
}

export interface RemoveResponse__Output {
  'removed': (boolean);
}
