// Original file: proto/baton/v1/definition.proto


export interface Alerts {
  'channel'?: (string);
  'on'?: (string)[];
}

export interface Alerts__Output {
  'channel': (string);
  'on': (string)[];
}
