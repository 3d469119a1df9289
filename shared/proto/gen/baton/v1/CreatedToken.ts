// Original file: proto/baton/v1/admin.proto

import type { ApiToken as _baton_v1_ApiToken, ApiToken__Output as _baton_v1_ApiToken__Output } from '../../baton/v1/ApiToken.js';

export interface CreatedToken {
  'token'?: (_baton_v1_ApiToken | null);
  'secret'?: (string);
}

export interface CreatedToken__Output {
  'token': (_baton_v1_ApiToken__Output | null);
  'secret': (string);
}
