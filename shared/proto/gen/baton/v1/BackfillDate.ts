// Original file: proto/baton/v1/api.proto


export interface BackfillDate {
  'fire_time'?: (string);
  'instance_id'?: (string);
  'state'?: (string);
}

export interface BackfillDate__Output {
  'fire_time': (string);
  'instance_id': (string);
  'state': (string);
}
