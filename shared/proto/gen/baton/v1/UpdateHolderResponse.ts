// Original file: proto/baton/v1/coordinator.proto


export interface UpdateHolderResponse {
  'holder'?: (boolean);
}

export interface UpdateHolderResponse__Output {
  'holder': (boolean);
}
