// Original file: proto/baton/v1/api.proto


export interface StartInstanceRequest {
  'workflow'?: (string);
  'params'?: ({[key: string]: string});
  'schedule_time'?: (string);
  'start_tasks'?: (string)[];
  'scope'?: (string);
  'request_id'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface StartInstanceRequest__Output {
  'workflow': (string);
  'params': ({[key: string]: string});
  'schedule_time': (string);
  'start_tasks': (string)[];
  'scope': (string);
  'request_id': (string);
  'labels': ({[key: string]: string});
}
