// Original file: proto/baton/v1/api.proto

import type { AlertDelivery as _baton_v1_AlertDelivery, AlertDelivery__Output as _baton_v1_AlertDelivery__Output } from '../../baton/v1/AlertDelivery.js';
import type { Long } from '@grpc/proto-loader';

export interface AlertChannel {
  'name'?: (string);
  'webhook'?: (string);
  'created_by'?: (string);
  'created_at'?: (string);
  'pending'?: (number | string | Long);
  'delivered'?: (number | string | Long);
  'abandoned'?: (number | string | Long);
  'deliveries'?: (_baton_v1_AlertDelivery)[];
}

export interface AlertChannel__Output {
  'name': (string);
  'webhook': (string);
  'created_by': (string);
  'created_at': (string);
  'pending': (string);
  'delivered': (string);
  'abandoned': (string);
  'deliveries': (_baton_v1_AlertDelivery__Output)[];
}
