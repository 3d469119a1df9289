import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CoordinatorClient as _baton_v1_CoordinatorClient, CoordinatorDefinition as _baton_v1_CoordinatorDefinition } from './baton/v1/Coordinator.js';
import type { EnqueueRequest as _baton_v1_EnqueueRequest, EnqueueRequest__Output as _baton_v1_EnqueueRequest__Output } from './baton/v1/EnqueueRequest.js';
import type { EnqueueResponse as _baton_v1_EnqueueResponse, EnqueueResponse__Output as _baton_v1_EnqueueResponse__Output } from './baton/v1/EnqueueResponse.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from './baton/v1/GetSerialStateRequest.js';
import type { ReleaseRequest as _baton_v1_ReleaseRequest, ReleaseRequest__Output as _baton_v1_ReleaseRequest__Output } from './baton/v1/ReleaseRequest.js';
import type { ReleaseResponse as _baton_v1_ReleaseResponse, ReleaseResponse__Output as _baton_v1_ReleaseResponse__Output } from './baton/v1/ReleaseResponse.js';
import type { RemoveRequest as _baton_v1_RemoveRequest, RemoveRequest__Output as _baton_v1_RemoveRequest__Output } from './baton/v1/RemoveRequest.js';
import type { RemoveResponse as _baton_v1_RemoveResponse, RemoveResponse__Output as _baton_v1_RemoveResponse__Output } from './baton/v1/RemoveResponse.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from './baton/v1/SerialState.js';
import type { SlotHolder as _baton_v1_SlotHolder, SlotHolder__Output as _baton_v1_SlotHolder__Output } from './baton/v1/SlotHolder.js';
import type { UpdateHolderRequest as _baton_v1_UpdateHolderRequest, UpdateHolderRequest__Output as _baton_v1_UpdateHolderRequest__Output } from './baton/v1/UpdateHolderRequest.js';
import type { UpdateHolderResponse as _baton_v1_UpdateHolderResponse, UpdateHolderResponse__Output as _baton_v1_UpdateHolderResponse__Output } from './baton/v1/UpdateHolderResponse.js';
import type { WaitingInstance as _baton_v1_WaitingInstance, WaitingInstance__Output as _baton_v1_WaitingInstance__Output } from './baton/v1/WaitingInstance.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      Coordinator: SubtypeConstructor<typeof grpc.Client, _baton_v1_CoordinatorClient> & { service: _baton_v1_CoordinatorDefinition }
      EnqueueRequest: MessageTypeDefinition<_baton_v1_EnqueueRequest, _baton_v1_EnqueueRequest__Output>
      EnqueueResponse: MessageTypeDefinition<_baton_v1_EnqueueResponse, _baton_v1_EnqueueResponse__Output>
      GetSerialStateRequest: MessageTypeDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_GetSerialStateRequest__Output>
      ReleaseRequest: MessageTypeDefinition<_baton_v1_ReleaseRequest, _baton_v1_ReleaseRequest__Output>
      ReleaseResponse: MessageTypeDefinition<_baton_v1_ReleaseResponse, _baton_v1_ReleaseResponse__Output>
      RemoveRequest: MessageTypeDefinition<_baton_v1_RemoveRequest, _baton_v1_RemoveRequest__Output>
      RemoveResponse: MessageTypeDefinition<_baton_v1_RemoveResponse, _baton_v1_RemoveResponse__Output>
      SerialState: MessageTypeDefinition<_baton_v1_SerialState, _baton_v1_SerialState__Output>
      SlotHolder: MessageTypeDefinition<_baton_v1_SlotHolder, _baton_v1_SlotHolder__Output>
      UpdateHolderRequest: MessageTypeDefinition<_baton_v1_UpdateHolderRequest, _baton_v1_UpdateHolderRequest__Output>
      UpdateHolderResponse: MessageTypeDefinition<_baton_v1_UpdateHolderResponse, _baton_v1_UpdateHolderResponse__Output>
      WaitingInstance: MessageTypeDefinition<_baton_v1_WaitingInstance, _baton_v1_WaitingInstance__Output>
    }
  }
}

