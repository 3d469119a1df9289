import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Schedule as _baton_v1_Schedule, Schedule__Output as _baton_v1_Schedule__Output } from './baton/v1/Schedule.js';
import type { TaskSpec as _baton_v1_TaskSpec, TaskSpec__Output as _baton_v1_TaskSpec__Output } from './baton/v1/TaskSpec.js';
import type { WorkflowSpec as _baton_v1_WorkflowSpec, WorkflowSpec__Output as _baton_v1_WorkflowSpec__Output } from './baton/v1/WorkflowSpec.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      Schedule: MessageTypeDefinition<_baton_v1_Schedule, _baton_v1_Schedule__Output>
      TaskSpec: MessageTypeDefinition<_baton_v1_TaskSpec, _baton_v1_TaskSpec__Output>
      WorkflowSpec: MessageTypeDefinition<_baton_v1_WorkflowSpec, _baton_v1_WorkflowSpec__Output>
    }
  }
}

