// Original file: proto/baton/v1/serial.proto

import type { SlotHolder as _baton_v1_SlotHolder, SlotHolder__Output as _baton_v1_SlotHolder__Output } from '../../baton/v1/SlotHolder.js';
import type { WaitingInstance as _baton_v1_WaitingInstance, WaitingInstance__Output as _baton_v1_WaitingInstance__Output } from '../../baton/v1/WaitingInstance.js';
import type { Long } from '@grpc/proto-loader';

export interface SerialState {
  'workflow'?: (string);
  'shard'?: (number);
  'coordinator'?: (string);
  'holder'?: (_baton_v1_SlotHolder | null);
  'waiting'?: (_baton_v1_WaitingInstance)[];
  'waiting_count'?: (number | string | Long);
  'discarded'?: (string)[];
}

export interface SerialState__Output {
  'workflow': (string);
  'shard': (number);
  'coordinator': (string);
  'holder': (_baton_v1_SlotHolder__Output | null);
  'waiting': (_baton_v1_WaitingInstance__Output)[];
  'waiting_count': (string);
  'discarded': (string)[];
}
