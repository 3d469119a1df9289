// Original file: proto/baton/v1/coordinator.proto


export interface ReleaseResponse {
  'released'?: (boolean);
  'next_instance_id'?: (string);
}

export interface ReleaseResponse__Output {
  'released': (boolean);
  'next_instance_id': (string);
}
