// Original file: proto/baton/v1/definition.proto


export interface Schedule {
  'cron'?: (string);
  'timezone'?: (string);
  'start_at'?: (string);
  'end_at'?: (string);
  'missed'?: (string);
}

export interface Schedule__Output {
  'cron': (string);
  'timezone': (string);
  'start_at': (string);
  'end_at': (string);
  'missed': (string);
}
