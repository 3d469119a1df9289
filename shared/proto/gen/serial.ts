import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from './baton/v1/GetSerialStateRequest.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from './baton/v1/SerialState.js';
import type { SlotHolder as _baton_v1_SlotHolder, SlotHolder__Output as _baton_v1_SlotHolder__Output } from './baton/v1/SlotHolder.js';
import type { WaitingInstance as _baton_v1_WaitingInstance, WaitingInstance__Output as _baton_v1_WaitingInstance__Output } from './baton/v1/WaitingInstance.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      GetSerialStateRequest: MessageTypeDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_GetSerialStateRequest__Output>
      SerialState: MessageTypeDefinition<_baton_v1_SerialState, _baton_v1_SerialState__Output>
      SlotHolder: MessageTypeDefinition<_baton_v1_SlotHolder, _baton_v1_SlotHolder__Output>
      WaitingInstance: MessageTypeDefinition<_baton_v1_WaitingInstance, _baton_v1_WaitingInstance__Output>
    }
  }
}

