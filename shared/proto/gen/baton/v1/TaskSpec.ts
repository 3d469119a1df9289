// Original file: proto/baton/v1/definition.proto


export interface TaskSpec {
  'name'?: (string);
  'type'?: (string);
  'command'?: (string);
  'workflow'?: (string);
  'depends_on'?: (string)[];
  'retries'?: (number);
  'retry_interval'?: (string);
  'timeout'?: (string);
  'timeout_strategy'?: (string);
  'worker_group'?: (string);
}

export interface TaskSpec__Output {
  'name': (string);
  'type': (string);
  'command': (string);
  'workflow': (string);
  'depends_on': (string)[];
  'retries': (number);
  'retry_interval': (string);
  'timeout': (string);
  'timeout_strategy': (string);
  'worker_group': (string);
}
