import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CoordinatorClient as _baton_v1_CoordinatorClient, CoordinatorDefinition as _baton_v1_CoordinatorDefinition } from './baton/v1/Coordinator.js';
import type { PingRequest as _baton_v1_PingRequest, PingRequest__Output as _baton_v1_PingRequest__Output } from './baton/v1/PingRequest.js';
import type { PingResponse as _baton_v1_PingResponse, PingResponse__Output as _baton_v1_PingResponse__Output } from './baton/v1/PingResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      Coordinator: SubtypeConstructor<typeof grpc.Client, _baton_v1_CoordinatorClient> & { service: _baton_v1_CoordinatorDefinition }
      PingRequest: MessageTypeDefinition<_baton_v1_PingRequest, _baton_v1_PingRequest__Output>
      PingResponse: MessageTypeDefinition<_baton_v1_PingResponse, _baton_v1_PingResponse__Output>
    }
  }
}

