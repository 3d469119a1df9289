import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { KillTaskRequest as _baton_v1_KillTaskRequest, KillTaskRequest__Output as _baton_v1_KillTaskRequest__Output } from './baton/v1/KillTaskRequest.js';
import type { KillTaskResponse as _baton_v1_KillTaskResponse, KillTaskResponse__Output as _baton_v1_KillTaskResponse__Output } from './baton/v1/KillTaskResponse.js';
import type { ReadLogRequest as _baton_v1_ReadLogRequest, ReadLogRequest__Output as _baton_v1_ReadLogRequest__Output } from './baton/v1/ReadLogRequest.js';
import type { ReadLogResponse as _baton_v1_ReadLogResponse, ReadLogResponse__Output as _baton_v1_ReadLogResponse__Output } from './baton/v1/ReadLogResponse.js';
import type { RunTaskRequest as _baton_v1_RunTaskRequest, RunTaskRequest__Output as _baton_v1_RunTaskRequest__Output } from './baton/v1/RunTaskRequest.js';
import type { RunTaskResponse as _baton_v1_RunTaskResponse, RunTaskResponse__Output as _baton_v1_RunTaskResponse__Output } from './baton/v1/RunTaskResponse.js';
import type { WorkerClient as _baton_v1_WorkerClient, WorkerDefinition as _baton_v1_WorkerDefinition } from './baton/v1/Worker.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      KillTaskRequest: MessageTypeDefinition<_baton_v1_KillTaskRequest, _baton_v1_KillTaskRequest__Output>
      KillTaskResponse: MessageTypeDefinition<_baton_v1_KillTaskResponse, _baton_v1_KillTaskResponse__Output>
      ReadLogRequest: MessageTypeDefinition<_baton_v1_ReadLogRequest, _baton_v1_ReadLogRequest__Output>
      ReadLogResponse: MessageTypeDefinition<_baton_v1_ReadLogResponse, _baton_v1_ReadLogResponse__Output>
      RunTaskRequest: MessageTypeDefinition<_baton_v1_RunTaskRequest, _baton_v1_RunTaskRequest__Output>
      RunTaskResponse: MessageTypeDefinition<_baton_v1_RunTaskResponse, _baton_v1_RunTaskResponse__Output>
      Worker: SubtypeConstructor<typeof grpc.Client, _baton_v1_WorkerClient> & { service: _baton_v1_WorkerDefinition }
    }
  }
}

