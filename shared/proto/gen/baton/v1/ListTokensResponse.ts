// Original file: proto/baton/v1/admin.proto

import type { ApiToken as _baton_v1_ApiToken, ApiToken__Output as _baton_v1_ApiToken__Output } from '../../baton/v1/ApiToken.js';

export interface ListTokensResponse {
  'tokens'?: (_baton_v1_ApiToken)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_baton_v1_ApiToken__Output)[];
}
