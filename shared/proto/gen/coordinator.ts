import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcquireTaskGroupSlotResponse as _baton_v1_AcquireTaskGroupSlotResponse, AcquireTaskGroupSlotResponse__Output as _baton_v1_AcquireTaskGroupSlotResponse__Output } from './baton/v1/AcquireTaskGroupSlotResponse.js';
import type { AdmitTaskGroupRequest as _baton_v1_AdmitTaskGroupRequest, AdmitTaskGroupRequest__Output as _baton_v1_AdmitTaskGroupRequest__Output } from './baton/v1/AdmitTaskGroupRequest.js';
import type { AdmitTaskGroupResponse as _baton_v1_AdmitTaskGroupResponse, AdmitTaskGroupResponse__Output as _baton_v1_AdmitTaskGroupResponse__Output } from './baton/v1/AdmitTaskGroupResponse.js';
import type { CoordinatorClient as _baton_v1_CoordinatorClient, CoordinatorDefinition as _baton_v1_CoordinatorDefinition } from './baton/v1/Coordinator.js';
import type { EnqueueRequest as _baton_v1_EnqueueRequest, EnqueueRequest__Output as _baton_v1_EnqueueRequest__Output } from './baton/v1/EnqueueRequest.js';
import type { EnqueueResponse as _baton_v1_EnqueueResponse, EnqueueResponse__Output as _baton_v1_EnqueueResponse__Output } from './baton/v1/EnqueueResponse.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from './baton/v1/GetSerialStateRequest.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from './baton/v1/GetTaskGroupRequest.js';
import type { ListTaskGroupsRequest as _baton_v1_ListTaskGroupsRequest, ListTaskGroupsRequest__Output as _baton_v1_ListTaskGroupsRequest__Output } from './baton/v1/ListTaskGroupsRequest.js';
import type { ListTaskGroupsResponse as _baton_v1_ListTaskGroupsResponse, ListTaskGroupsResponse__Output as _baton_v1_ListTaskGroupsResponse__Output } from './baton/v1/ListTaskGroupsResponse.js';
import type { ReleaseRequest as _baton_v1_ReleaseRequest, ReleaseRequest__Output as _baton_v1_ReleaseRequest__Output } from './baton/v1/ReleaseRequest.js';
import type { ReleaseResponse as _baton_v1_ReleaseResponse, ReleaseResponse__Output as _baton_v1_ReleaseResponse__Output } from './baton/v1/ReleaseResponse.js';
import type { ReleaseTaskGroupSlotResponse as _baton_v1_ReleaseTaskGroupSlotResponse, ReleaseTaskGroupSlotResponse__Output as _baton_v1_ReleaseTaskGroupSlotResponse__Output } from './baton/v1/ReleaseTaskGroupSlotResponse.js';
import type { RemoveRequest as _baton_v1_RemoveRequest, RemoveRequest__Output as _baton_v1_RemoveRequest__Output } from './baton/v1/RemoveRequest.js';
import type { RemoveResponse as _baton_v1_RemoveResponse, RemoveResponse__Output as _baton_v1_RemoveResponse__Output } from './baton/v1/RemoveResponse.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from './baton/v1/SerialState.js';
import type { SetTaskGroupRequest as _baton_v1_SetTaskGroupRequest, SetTaskGroupRequest__Output as _baton_v1_SetTaskGroupRequest__Output } from './baton/v1/SetTaskGroupRequest.js';
import type { SlotHolder as _baton_v1_SlotHolder, SlotHolder__Output as _baton_v1_SlotHolder__Output } from './baton/v1/SlotHolder.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from './baton/v1/TaskGroup.js';
import type { TaskGroupAdmitted as _baton_v1_TaskGroupAdmitted, TaskGroupAdmitted__Output as _baton_v1_TaskGroupAdmitted__Output } from './baton/v1/TaskGroupAdmitted.js';
import type { TaskGroupHolder as _baton_v1_TaskGroupHolder, TaskGroupHolder__Output as _baton_v1_TaskGroupHolder__Output } from './baton/v1/TaskGroupHolder.js';
import type { TaskGroupSlotRequest as _baton_v1_TaskGroupSlotRequest, TaskGroupSlotRequest__Output as _baton_v1_TaskGroupSlotRequest__Output } from './baton/v1/TaskGroupSlotRequest.js';
import type { TaskGroupWaiter as _baton_v1_TaskGroupWaiter, TaskGroupWaiter__Output as _baton_v1_TaskGroupWaiter__Output } from './baton/v1/TaskGroupWaiter.js';
import type { UpdateHolderRequest as _baton_v1_UpdateHolderRequest, UpdateHolderRequest__Output as _baton_v1_UpdateHolderRequest__Output } from './baton/v1/UpdateHolderRequest.js';
import type { UpdateHolderResponse as _baton_v1_UpdateHolderResponse, UpdateHolderResponse__Output as _baton_v1_UpdateHolderResponse__Output } from './baton/v1/UpdateHolderResponse.js';
import type { WaitingInstance as _baton_v1_WaitingInstance, WaitingInstance__Output as _baton_v1_WaitingInstance__Output } from './baton/v1/WaitingInstance.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      AcquireTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_AcquireTaskGroupSlotResponse, _baton_v1_AcquireTaskGroupSlotResponse__Output>
      AdmitTaskGroupRequest: MessageTypeDefinition<_baton_v1_AdmitTaskGroupRequest, _baton_v1_AdmitTaskGroupRequest__Output>
      AdmitTaskGroupResponse: MessageTypeDefinition<_baton_v1_AdmitTaskGroupResponse, _baton_v1_AdmitTaskGroupResponse__Output>
      Coordinator: SubtypeConstructor<typeof grpc.Client, _baton_v1_CoordinatorClient> & { service: _baton_v1_CoordinatorDefinition }
      EnqueueRequest: MessageTypeDefinition<_baton_v1_EnqueueRequest, _baton_v1_EnqueueRequest__Output>
      EnqueueResponse: MessageTypeDefinition<_baton_v1_EnqueueResponse, _baton_v1_EnqueueResponse__Output>
      GetSerialStateRequest: MessageTypeDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_GetSerialStateRequest__Output>
      GetTaskGroupRequest: MessageTypeDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_GetTaskGroupRequest__Output>
      ListTaskGroupsRequest: MessageTypeDefinition<_baton_v1_ListTaskGroupsRequest, _baton_v1_ListTaskGroupsRequest__Output>
      ListTaskGroupsResponse: MessageTypeDefinition<_baton_v1_ListTaskGroupsResponse, _baton_v1_ListTaskGroupsResponse__Output>
      ReleaseRequest: MessageTypeDefinition<_baton_v1_ReleaseRequest, _baton_v1_ReleaseRequest__Output>
      ReleaseResponse: MessageTypeDefinition<_baton_v1_ReleaseResponse, _baton_v1_ReleaseResponse__Output>
      ReleaseTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_ReleaseTaskGroupSlotResponse, _baton_v1_ReleaseTaskGroupSlotResponse__Output>
      RemoveRequest: MessageTypeDefinition<_baton_v1_RemoveRequest, _baton_v1_RemoveRequest__Output>
      RemoveResponse: MessageTypeDefinition<_baton_v1_RemoveResponse, _baton_v1_RemoveResponse__Output>
      SerialState: MessageTypeDefinition<_baton_v1_SerialState, _baton_v1_SerialState__Output>
      SetTaskGroupRequest: MessageTypeDefinition<_baton_v1_SetTaskGroupRequest, _baton_v1_SetTaskGroupRequest__Output>
      SlotHolder: MessageTypeDefinition<_baton_v1_SlotHolder, _baton_v1_SlotHolder__Output>
      TaskGroup: MessageTypeDefinition<_baton_v1_TaskGroup, _baton_v1_TaskGroup__Output>
      TaskGroupAdmitted: MessageTypeDefinition<_baton_v1_TaskGroupAdmitted, _baton_v1_TaskGroupAdmitted__Output>
      TaskGroupHolder: MessageTypeDefinition<_baton_v1_TaskGroupHolder, _baton_v1_TaskGroupHolder__Output>
      TaskGroupSlotRequest: MessageTypeDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_TaskGroupSlotRequest__Output>
      TaskGroupWaiter: MessageTypeDefinition<_baton_v1_TaskGroupWaiter, _baton_v1_TaskGroupWaiter__Output>
      UpdateHolderRequest: MessageTypeDefinition<_baton_v1_UpdateHolderRequest, _baton_v1_UpdateHolderRequest__Output>
      UpdateHolderResponse: MessageTypeDefinition<_baton_v1_UpdateHolderResponse, _baton_v1_UpdateHolderResponse__Output>
      WaitingInstance: MessageTypeDefinition<_baton_v1_WaitingInstance, _baton_v1_WaitingInstance__Output>
    }
  }
}

