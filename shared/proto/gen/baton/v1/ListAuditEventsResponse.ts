// Original file: proto/baton/v1/api.proto

import type { AuditEvent as _baton_v1_AuditEvent, AuditEvent__Output as _baton_v1_AuditEvent__Output } from '../../baton/v1/AuditEvent.js';

export interface ListAuditEventsResponse {
  'events'?: (_baton_v1_AuditEvent)[];
  'next_page_token'?: (string);
}

export interface ListAuditEventsResponse__Output {
  'events': (_baton_v1_AuditEvent__Output)[];
  'next_page_token': (string);
}
