import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Alerts as _baton_v1_Alerts, Alerts__Output as _baton_v1_Alerts__Output } from './baton/v1/Alerts.js';
import type { Condition as _baton_v1_Condition, Condition__Output as _baton_v1_Condition__Output } from './baton/v1/Condition.js';
import type { ConditionItem as _baton_v1_ConditionItem, ConditionItem__Output as _baton_v1_ConditionItem__Output } from './baton/v1/ConditionItem.js';
import type { DependOn as _baton_v1_DependOn, DependOn__Output as _baton_v1_DependOn__Output } from './baton/v1/DependOn.js';
import type { DependentItem as _baton_v1_DependentItem, DependentItem__Output as _baton_v1_DependentItem__Output } from './baton/v1/DependentItem.js';
import type { Schedule as _baton_v1_Schedule, Schedule__Output as _baton_v1_Schedule__Output } from './baton/v1/Schedule.js';
import type { SwitchCase as _baton_v1_SwitchCase, SwitchCase__Output as _baton_v1_SwitchCase__Output } from './baton/v1/SwitchCase.js';
import type { TaskSpec as _baton_v1_TaskSpec, TaskSpec__Output as _baton_v1_TaskSpec__Output } from './baton/v1/TaskSpec.js';
import type { WorkflowSpec as _baton_v1_WorkflowSpec, WorkflowSpec__Output as _baton_v1_WorkflowSpec__Output } from './baton/v1/WorkflowSpec.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      Alerts: MessageTypeDefinition<_baton_v1_Alerts, _baton_v1_Alerts__Output>
      Condition: MessageTypeDefinition<_baton_v1_Condition, _baton_v1_Condition__Output>
      ConditionItem: MessageTypeDefinition<_baton_v1_ConditionItem, _baton_v1_ConditionItem__Output>
      DependOn: MessageTypeDefinition<_baton_v1_DependOn, _baton_v1_DependOn__Output>
      DependentItem: MessageTypeDefinition<_baton_v1_DependentItem, _baton_v1_DependentItem__Output>
      Schedule: MessageTypeDefinition<_baton_v1_Schedule, _baton_v1_Schedule__Output>
      SwitchCase: MessageTypeDefinition<_baton_v1_SwitchCase, _baton_v1_SwitchCase__Output>
      TaskSpec: MessageTypeDefinition<_baton_v1_TaskSpec, _baton_v1_TaskSpec__Output>
      WorkflowSpec: MessageTypeDefinition<_baton_v1_WorkflowSpec, _baton_v1_WorkflowSpec__Output>
    }
  }
}

