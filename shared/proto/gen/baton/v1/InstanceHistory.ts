// Original file: proto/baton/v1/api.proto

import type { StateChange as _baton_v1_StateChange, StateChange__Output as _baton_v1_StateChange__Output } from '../../baton/v1/StateChange.js';

export interface InstanceHistory {
  'changes'?: (_baton_v1_StateChange)[];
}

export interface InstanceHistory__Output {
  'changes': (_baton_v1_StateChange__Output)[];
}
