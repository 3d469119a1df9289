// Original file: proto/baton/v1/definition.proto

import type { ConditionItem as _baton_v1_ConditionItem, ConditionItem__Output as _baton_v1_ConditionItem__Output } from '../../baton/v1/ConditionItem.js';

export interface Condition {
  'all'?: (_baton_v1_ConditionItem)[];
  'any'?: (_baton_v1_ConditionItem)[];
}

export interface Condition__Output {
  'all': (_baton_v1_ConditionItem__Output)[];
  'any': (_baton_v1_ConditionItem__Output)[];
}
