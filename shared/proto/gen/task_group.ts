import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcquireTaskGroupSlotResponse as _baton_v1_AcquireTaskGroupSlotResponse, AcquireTaskGroupSlotResponse__Output as _baton_v1_AcquireTaskGroupSlotResponse__Output } from './baton/v1/AcquireTaskGroupSlotResponse.js';
import type { AdmitTaskGroupRequest as _baton_v1_AdmitTaskGroupRequest, AdmitTaskGroupRequest__Output as _baton_v1_AdmitTaskGroupRequest__Output } from './baton/v1/AdmitTaskGroupRequest.js';
import type { AdmitTaskGroupResponse as _baton_v1_AdmitTaskGroupResponse, AdmitTaskGroupResponse__Output as _baton_v1_AdmitTaskGroupResponse__Output } from './baton/v1/AdmitTaskGroupResponse.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from './baton/v1/GetTaskGroupRequest.js';
import type { ListTaskGroupsRequest as _baton_v1_ListTaskGroupsRequest, ListTaskGroupsRequest__Output as _baton_v1_ListTaskGroupsRequest__Output } from './baton/v1/ListTaskGroupsRequest.js';
import type { ListTaskGroupsResponse as _baton_v1_ListTaskGroupsResponse, ListTaskGroupsResponse__Output as _baton_v1_ListTaskGroupsResponse__Output } from './baton/v1/ListTaskGroupsResponse.js';
import type { ReleaseTaskGroupSlotResponse as _baton_v1_ReleaseTaskGroupSlotResponse, ReleaseTaskGroupSlotResponse__Output as _baton_v1_ReleaseTaskGroupSlotResponse__Output } from './baton/v1/ReleaseTaskGroupSlotResponse.js';
import type { SetTaskGroupRequest as _baton_v1_SetTaskGroupRequest, SetTaskGroupRequest__Output as _baton_v1_SetTaskGroupRequest__Output } from './baton/v1/SetTaskGroupRequest.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from './baton/v1/TaskGroup.js';
import type { TaskGroupAdmitted as _baton_v1_TaskGroupAdmitted, TaskGroupAdmitted__Output as _baton_v1_TaskGroupAdmitted__Output } from './baton/v1/TaskGroupAdmitted.js';
import type { TaskGroupHolder as _baton_v1_TaskGroupHolder, TaskGroupHolder__Output as _baton_v1_TaskGroupHolder__Output } from './baton/v1/TaskGroupHolder.js';
import type { TaskGroupSlotRequest as _baton_v1_TaskGroupSlotRequest, TaskGroupSlotRequest__Output as _baton_v1_TaskGroupSlotRequest__Output } from './baton/v1/TaskGroupSlotRequest.js';
import type { TaskGroupWaiter as _baton_v1_TaskGroupWaiter, TaskGroupWaiter__Output as _baton_v1_TaskGroupWaiter__Output } from './baton/v1/TaskGroupWaiter.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      AcquireTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_AcquireTaskGroupSlotResponse, _baton_v1_AcquireTaskGroupSlotResponse__Output>
      AdmitTaskGroupRequest: MessageTypeDefinition<_baton_v1_AdmitTaskGroupRequest, _baton_v1_AdmitTaskGroupRequest__Output>
      AdmitTaskGroupResponse: MessageTypeDefinition<_baton_v1_AdmitTaskGroupResponse, _baton_v1_AdmitTaskGroupResponse__Output>
      GetTaskGroupRequest: MessageTypeDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_GetTaskGroupRequest__Output>
      ListTaskGroupsRequest: MessageTypeDefinition<_baton_v1_ListTaskGroupsRequest, _baton_v1_ListTaskGroupsRequest__Output>
      ListTaskGroupsResponse: MessageTypeDefinition<_baton_v1_ListTaskGroupsResponse, _baton_v1_ListTaskGroupsResponse__Output>
      ReleaseTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_ReleaseTaskGroupSlotResponse, _baton_v1_ReleaseTaskGroupSlotResponse__Output>
      SetTaskGroupRequest: MessageTypeDefinition<_baton_v1_SetTaskGroupRequest, _baton_v1_SetTaskGroupRequest__Output>
      TaskGroup: MessageTypeDefinition<_baton_v1_TaskGroup, _baton_v1_TaskGroup__Output>
      TaskGroupAdmitted: MessageTypeDefinition<_baton_v1_TaskGroupAdmitted, _baton_v1_TaskGroupAdmitted__Output>
      TaskGroupHolder: MessageTypeDefinition<_baton_v1_TaskGroupHolder, _baton_v1_TaskGroupHolder__Output>
      TaskGroupSlotRequest: MessageTypeDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_TaskGroupSlotRequest__Output>
      TaskGroupWaiter: MessageTypeDefinition<_baton_v1_TaskGroupWaiter, _baton_v1_TaskGroupWaiter__Output>
    }
  }
}

