// Original file: proto/baton/v1/master.proto


export interface TaskReport {
  'task_instance_id'?: (string);
  'instance_id'?: (string);
  'epoch'?: (string);
  'worker'?: (string);
  'state'?: (string);
  'exit_code'?: (number);
  'has_exit_code'?: (boolean);
  'started_at'?: (string);
  'ended_at'?: (string);
  'reason'?: (string);
  'outputs'?: ({[key: string]: string});
}

export interface TaskReport__Output {
  'task_instance_id': (string);
  'instance_id': (string);
  'epoch': (string);
  'worker': (string);
  'state': (string);
  'exit_code': (number);
  'has_exit_code': (boolean);
  'started_at': (string);
  'ended_at': (string);
  'reason': (string);
  'outputs': ({[key: string]: string});
}
