// Original file: proto/baton/v1/api.proto

import type { AlertChannel as _baton_v1_AlertChannel, AlertChannel__Output as _baton_v1_AlertChannel__Output } from '../../baton/v1/AlertChannel.js';

export interface ListAlertChannelsResponse {
  'channels'?: (_baton_v1_AlertChannel)[];
}

export interface ListAlertChannelsResponse__Output {
  'channels': (_baton_v1_AlertChannel__Output)[];
}
