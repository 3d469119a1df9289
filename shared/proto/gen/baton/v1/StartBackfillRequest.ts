// Original file: proto/baton/v1/api.proto


export interface StartBackfillRequest {
  'workflow'?: (string);
  'from'?: (string);
  'to'?: (string);
  'dates'?: (string)[];
  'parallel'?: (number);
  'order'?: (string);
  'on_failure'?: (string);
  'params'?: ({[key: string]: string});
  'request_id'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface StartBackfillRequest__Output {
  'workflow': (string);
  'from': (string);
  'to': (string);
  'dates': (string)[];
  'parallel': (number);
  'order': (string);
  'on_failure': (string);
  'params': ({[key: string]: string});
  'request_id': (string);
  'labels': ({[key: string]: string});
}
