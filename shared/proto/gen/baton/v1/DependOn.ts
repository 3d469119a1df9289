// Original file: proto/baton/v1/definition.proto

import type { DependentItem as _baton_v1_DependentItem, DependentItem__Output as _baton_v1_DependentItem__Output } from '../../baton/v1/DependentItem.js';

export interface DependOn {
  'all'?: (_baton_v1_DependentItem)[];
  'any'?: (_baton_v1_DependentItem)[];
}

export interface DependOn__Output {
  'all': (_baton_v1_DependentItem__Output)[];
  'any': (_baton_v1_DependentItem__Output)[];
}
