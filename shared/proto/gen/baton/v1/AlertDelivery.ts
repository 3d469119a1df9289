// Original file: proto/baton/v1/api.proto


export interface AlertDelivery {
  'event_id'?: (string);
  'event'?: (string);
  'instance_id'?: (string);
  'attempt'?: (number);
  'result'?: (string);
  'http_status'?: (number);
  'error'?: (string);
  'duration_ms'?: (number);
  'sender'?: (string);
  'at'?: (string);
}

export interface AlertDelivery__Output {
  'event_id': (string);
  'event': (string);
  'instance_id': (string);
  'attempt': (number);
  'result': (string);
  'http_status': (number);
  'error': (string);
  'duration_ms': (number);
  'sender': (string);
  'at': (string);
}
