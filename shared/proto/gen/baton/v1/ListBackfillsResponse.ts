// Original file: proto/baton/v1/api.proto

import type { Backfill as _baton_v1_Backfill, Backfill__Output as _baton_v1_Backfill__Output } from '../../baton/v1/Backfill.js';

export interface ListBackfillsResponse {
  'backfills'?: (_baton_v1_Backfill)[];
}

export interface ListBackfillsResponse__Output {
  'backfills': (_baton_v1_Backfill__Output)[];
}
