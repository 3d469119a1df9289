// Original file: proto/baton/v1/api.proto

import type { Instance as _baton_v1_Instance, Instance__Output as _baton_v1_Instance__Output } from '../../baton/v1/Instance.js';

export interface ListInstancesResponse {
  'instances'?: (_baton_v1_Instance)[];
  'next_page_token'?: (string);
}

export interface ListInstancesResponse__Output {
  'instances': (_baton_v1_Instance__Output)[];
  'next_page_token': (string);
}
