// Original file: proto/baton/v1/definition.proto


export interface Schedule {
  'cron'?: (string);
  'timezone'?: (string);
}

export interface Schedule__Output {
  'cron': (string);
  'timezone': (string);
}
