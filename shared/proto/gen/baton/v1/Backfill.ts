// Original file: proto/baton/v1/api.proto

import type { BackfillDate as _baton_v1_BackfillDate, BackfillDate__Output as _baton_v1_BackfillDate__Output } from '../../baton/v1/BackfillDate.js';

export interface Backfill {
  'id'?: (string);
  'workflow'?: (string);
  'version'?: (number);
  'state'?: (string);
  'reason'?: (string);
  'parallel'?: (number);
  'order'?: (string);
  'on_failure'?: (string);
  'params'?: ({[key: string]: string});
  'total'?: (number);
  'done'?: (number);
  'failed'?: (number);
  'running'?: (number);
  'pending'?: (number);
  'failed_dates'?: (string)[];
  'owner'?: (string);
  'created_by'?: (string);
  'created_at'?: (string);
  'ended_at'?: (string);
  'dates'?: (_baton_v1_BackfillDate)[];
  'labels'?: ({[key: string]: string});
}

export interface Backfill__Output {
  'id': (string);
  'workflow': (string);
  'version': (number);
  'state': (string);
  'reason': (string);
  'parallel': (number);
  'order': (string);
  'on_failure': (string);
  'params': ({[key: string]: string});
  'total': (number);
  'done': (number);
  'failed': (number);
  'running': (number);
  'pending': (number);
  'failed_dates': (string)[];
  'owner': (string);
  'created_by': (string);
  'created_at': (string);
  'ended_at': (string);
  'dates': (_baton_v1_BackfillDate__Output)[];
  'labels': ({[key: string]: string});
}
