// Original file: proto/baton/v1/worker.proto


export interface KillTaskRequest {
  'task_instance_id'?: (string);
  'instance_id'?: (string);
  'epoch'?: (string);
  'reason'?: (string);
}

export interface KillTaskRequest__Output {
  'task_instance_id': (string);
  'instance_id': (string);
  'epoch': (string);
  'reason': (string);
}
