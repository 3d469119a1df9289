// Original file: proto/baton/v1/api.proto

import type { Member as _baton_v1_Member, Member__Output as _baton_v1_Member__Output } from '../../baton/v1/Member.js';

export interface ListMembersResponse {
  'members'?: (_baton_v1_Member)[];
}

export interface ListMembersResponse__Output {
  'members': (_baton_v1_Member__Output)[];
}
