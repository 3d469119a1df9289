import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChildEnded as _baton_v1_ChildEnded, ChildEnded__Output as _baton_v1_ChildEnded__Output } from './baton/v1/ChildEnded.js';
import type { MasterClient as _baton_v1_MasterClient, MasterDefinition as _baton_v1_MasterDefinition } from './baton/v1/Master.js';
import type { MasterAck as _baton_v1_MasterAck, MasterAck__Output as _baton_v1_MasterAck__Output } from './baton/v1/MasterAck.js';
import type { SerialDecision as _baton_v1_SerialDecision, SerialDecision__Output as _baton_v1_SerialDecision__Output } from './baton/v1/SerialDecision.js';
import type { StopOwnedInstanceRequest as _baton_v1_StopOwnedInstanceRequest, StopOwnedInstanceRequest__Output as _baton_v1_StopOwnedInstanceRequest__Output } from './baton/v1/StopOwnedInstanceRequest.js';
import type { SubmitInstanceRequest as _baton_v1_SubmitInstanceRequest, SubmitInstanceRequest__Output as _baton_v1_SubmitInstanceRequest__Output } from './baton/v1/SubmitInstanceRequest.js';
import type { SubmitInstanceResponse as _baton_v1_SubmitInstanceResponse, SubmitInstanceResponse__Output as _baton_v1_SubmitInstanceResponse__Output } from './baton/v1/SubmitInstanceResponse.js';
import type { TaskReport as _baton_v1_TaskReport, TaskReport__Output as _baton_v1_TaskReport__Output } from './baton/v1/TaskReport.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      ChildEnded: MessageTypeDefinition<_baton_v1_ChildEnded, _baton_v1_ChildEnded__Output>
      Master: SubtypeConstructor<typeof grpc.Client, _baton_v1_MasterClient> & { service: _baton_v1_MasterDefinition }
      MasterAck: MessageTypeDefinition<_baton_v1_MasterAck, _baton_v1_MasterAck__Output>
      SerialDecision: MessageTypeDefinition<_baton_v1_SerialDecision, _baton_v1_SerialDecision__Output>
      StopOwnedInstanceRequest: MessageTypeDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_StopOwnedInstanceRequest__Output>
      SubmitInstanceRequest: MessageTypeDefinition<_baton_v1_SubmitInstanceRequest, _baton_v1_SubmitInstanceRequest__Output>
      SubmitInstanceResponse: MessageTypeDefinition<_baton_v1_SubmitInstanceResponse, _baton_v1_SubmitInstanceResponse__Output>
      TaskReport: MessageTypeDefinition<_baton_v1_TaskReport, _baton_v1_TaskReport__Output>
    }
  }
}

