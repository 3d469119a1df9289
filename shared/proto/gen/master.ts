import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcquireTaskGroupSlotResponse as _baton_v1_AcquireTaskGroupSlotResponse, AcquireTaskGroupSlotResponse__Output as _baton_v1_AcquireTaskGroupSlotResponse__Output } from './baton/v1/AcquireTaskGroupSlotResponse.js';
import type { AdmitTaskGroupRequest as _baton_v1_AdmitTaskGroupRequest, AdmitTaskGroupRequest__Output as _baton_v1_AdmitTaskGroupRequest__Output } from './baton/v1/AdmitTaskGroupRequest.js';
import type { AdmitTaskGroupResponse as _baton_v1_AdmitTaskGroupResponse, AdmitTaskGroupResponse__Output as _baton_v1_AdmitTaskGroupResponse__Output } from './baton/v1/AdmitTaskGroupResponse.js';
import type { ChildEnded as _baton_v1_ChildEnded, ChildEnded__Output as _baton_v1_ChildEnded__Output } from './baton/v1/ChildEnded.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from './baton/v1/GetTaskGroupRequest.js';
import type { ListTaskGroupsRequest as _baton_v1_ListTaskGroupsRequest, ListTaskGroupsRequest__Output as _baton_v1_ListTaskGroupsRequest__Output } from './baton/v1/ListTaskGroupsRequest.js';
import type { ListTaskGroupsResponse as _baton_v1_ListTaskGroupsResponse, ListTaskGroupsResponse__Output as _baton_v1_ListTaskGroupsResponse__Output } from './baton/v1/ListTaskGroupsResponse.js';
import type { MasterClient as _baton_v1_MasterClient, MasterDefinition as _baton_v1_MasterDefinition } from './baton/v1/Master.js';
import type { MasterAck as _baton_v1_MasterAck, MasterAck__Output as _baton_v1_MasterAck__Output } from './baton/v1/MasterAck.js';
import type { ReleaseTaskGroupSlotResponse as _baton_v1_ReleaseTaskGroupSlotResponse, ReleaseTaskGroupSlotResponse__Output as _baton_v1_ReleaseTaskGroupSlotResponse__Output } from './baton/v1/ReleaseTaskGroupSlotResponse.js';
import type { SerialDecision as _baton_v1_SerialDecision, SerialDecision__Output as _baton_v1_SerialDecision__Output } from './baton/v1/SerialDecision.js';
import type { SetTaskGroupRequest as _baton_v1_SetTaskGroupRequest, SetTaskGroupRequest__Output as _baton_v1_SetTaskGroupRequest__Output } from './baton/v1/SetTaskGroupRequest.js';
import type { StopOwnedInstanceRequest as _baton_v1_StopOwnedInstanceRequest, StopOwnedInstanceRequest__Output as _baton_v1_StopOwnedInstanceRequest__Output } from './baton/v1/StopOwnedInstanceRequest.js';
import type { SubmitInstanceRequest as _baton_v1_SubmitInstanceRequest, SubmitInstanceRequest__Output as _baton_v1_SubmitInstanceRequest__Output } from './baton/v1/SubmitInstanceRequest.js';
import type { SubmitInstanceResponse as _baton_v1_SubmitInstanceResponse, SubmitInstanceResponse__Output as _baton_v1_SubmitInstanceResponse__Output } from './baton/v1/SubmitInstanceResponse.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from './baton/v1/TaskGroup.js';
import type { TaskGroupAdmitted as _baton_v1_TaskGroupAdmitted, TaskGroupAdmitted__Output as _baton_v1_TaskGroupAdmitted__Output } from './baton/v1/TaskGroupAdmitted.js';
import type { TaskGroupHolder as _baton_v1_TaskGroupHolder, TaskGroupHolder__Output as _baton_v1_TaskGroupHolder__Output } from './baton/v1/TaskGroupHolder.js';
import type { TaskGroupSlotRequest as _baton_v1_TaskGroupSlotRequest, TaskGroupSlotRequest__Output as _baton_v1_TaskGroupSlotRequest__Output } from './baton/v1/TaskGroupSlotRequest.js';
import type { TaskGroupWaiter as _baton_v1_TaskGroupWaiter, TaskGroupWaiter__Output as _baton_v1_TaskGroupWaiter__Output } from './baton/v1/TaskGroupWaiter.js';
import type { TaskReport as _baton_v1_TaskReport, TaskReport__Output as _baton_v1_TaskReport__Output } from './baton/v1/TaskReport.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      AcquireTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_AcquireTaskGroupSlotResponse, _baton_v1_AcquireTaskGroupSlotResponse__Output>
      AdmitTaskGroupRequest: MessageTypeDefinition<_baton_v1_AdmitTaskGroupRequest, _baton_v1_AdmitTaskGroupRequest__Output>
      AdmitTaskGroupResponse: MessageTypeDefinition<_baton_v1_AdmitTaskGroupResponse, _baton_v1_AdmitTaskGroupResponse__Output>
      ChildEnded: MessageTypeDefinition<_baton_v1_ChildEnded, _baton_v1_ChildEnded__Output>
      GetTaskGroupRequest: MessageTypeDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_GetTaskGroupRequest__Output>
      ListTaskGroupsRequest: MessageTypeDefinition<_baton_v1_ListTaskGroupsRequest, _baton_v1_ListTaskGroupsRequest__Output>
      ListTaskGroupsResponse: MessageTypeDefinition<_baton_v1_ListTaskGroupsResponse, _baton_v1_ListTaskGroupsResponse__Output>
      Master: SubtypeConstructor<typeof grpc.Client, _baton_v1_MasterClient> & { service: _baton_v1_MasterDefinition }
      MasterAck: MessageTypeDefinition<_baton_v1_MasterAck, _baton_v1_MasterAck__Output>
      ReleaseTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_ReleaseTaskGroupSlotResponse, _baton_v1_ReleaseTaskGroupSlotResponse__Output>
      SerialDecision: MessageTypeDefinition<_baton_v1_SerialDecision, _baton_v1_SerialDecision__Output>
      SetTaskGroupRequest: MessageTypeDefinition<_baton_v1_SetTaskGroupRequest, _baton_v1_SetTaskGroupRequest__Output>
      StopOwnedInstanceRequest: MessageTypeDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_StopOwnedInstanceRequest__Output>
      SubmitInstanceRequest: MessageTypeDefinition<_baton_v1_SubmitInstanceRequest, _baton_v1_SubmitInstanceRequest__Output>
      SubmitInstanceResponse: MessageTypeDefinition<_baton_v1_SubmitInstanceResponse, _baton_v1_SubmitInstanceResponse__Output>
      TaskGroup: MessageTypeDefinition<_baton_v1_TaskGroup, _baton_v1_TaskGroup__Output>
      TaskGroupAdmitted: MessageTypeDefinition<_baton_v1_TaskGroupAdmitted, _baton_v1_TaskGroupAdmitted__Output>
      TaskGroupHolder: MessageTypeDefinition<_baton_v1_TaskGroupHolder, _baton_v1_TaskGroupHolder__Output>
      TaskGroupSlotRequest: MessageTypeDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_TaskGroupSlotRequest__Output>
      TaskGroupWaiter: MessageTypeDefinition<_baton_v1_TaskGroupWaiter, _baton_v1_TaskGroupWaiter__Output>
      TaskReport: MessageTypeDefinition<_baton_v1_TaskReport, _baton_v1_TaskReport__Output>
    }
  }
}

