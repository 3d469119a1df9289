import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcquireTaskGroupSlotResponse as _baton_v1_AcquireTaskGroupSlotResponse, AcquireTaskGroupSlotResponse__Output as _baton_v1_AcquireTaskGroupSlotResponse__Output } from './baton/v1/AcquireTaskGroupSlotResponse.js';
import type { AdmitTaskGroupRequest as _baton_v1_AdmitTaskGroupRequest, AdmitTaskGroupRequest__Output as _baton_v1_AdmitTaskGroupRequest__Output } from './baton/v1/AdmitTaskGroupRequest.js';
import type { AdmitTaskGroupResponse as _baton_v1_AdmitTaskGroupResponse, AdmitTaskGroupResponse__Output as _baton_v1_AdmitTaskGroupResponse__Output } from './baton/v1/AdmitTaskGroupResponse.js';
import type { AlertChannel as _baton_v1_AlertChannel, AlertChannel__Output as _baton_v1_AlertChannel__Output } from './baton/v1/AlertChannel.js';
import type { AlertDelivery as _baton_v1_AlertDelivery, AlertDelivery__Output as _baton_v1_AlertDelivery__Output } from './baton/v1/AlertDelivery.js';
import type { Alerts as _baton_v1_Alerts, Alerts__Output as _baton_v1_Alerts__Output } from './baton/v1/Alerts.js';
import type { ApplyWorkflowRequest as _baton_v1_ApplyWorkflowRequest, ApplyWorkflowRequest__Output as _baton_v1_ApplyWorkflowRequest__Output } from './baton/v1/ApplyWorkflowRequest.js';
import type { AuditEvent as _baton_v1_AuditEvent, AuditEvent__Output as _baton_v1_AuditEvent__Output } from './baton/v1/AuditEvent.js';
import type { Backfill as _baton_v1_Backfill, Backfill__Output as _baton_v1_Backfill__Output } from './baton/v1/Backfill.js';
import type { BackfillControlRequest as _baton_v1_BackfillControlRequest, BackfillControlRequest__Output as _baton_v1_BackfillControlRequest__Output } from './baton/v1/BackfillControlRequest.js';
import type { BackfillDate as _baton_v1_BackfillDate, BackfillDate__Output as _baton_v1_BackfillDate__Output } from './baton/v1/BackfillDate.js';
import type { BatonApiClient as _baton_v1_BatonApiClient, BatonApiDefinition as _baton_v1_BatonApiDefinition } from './baton/v1/BatonApi.js';
import type { Condition as _baton_v1_Condition, Condition__Output as _baton_v1_Condition__Output } from './baton/v1/Condition.js';
import type { ConditionItem as _baton_v1_ConditionItem, ConditionItem__Output as _baton_v1_ConditionItem__Output } from './baton/v1/ConditionItem.js';
import type { CreateAlertChannelRequest as _baton_v1_CreateAlertChannelRequest, CreateAlertChannelRequest__Output as _baton_v1_CreateAlertChannelRequest__Output } from './baton/v1/CreateAlertChannelRequest.js';
import type { DeleteAlertChannelRequest as _baton_v1_DeleteAlertChannelRequest, DeleteAlertChannelRequest__Output as _baton_v1_DeleteAlertChannelRequest__Output } from './baton/v1/DeleteAlertChannelRequest.js';
import type { DependOn as _baton_v1_DependOn, DependOn__Output as _baton_v1_DependOn__Output } from './baton/v1/DependOn.js';
import type { DependentItem as _baton_v1_DependentItem, DependentItem__Output as _baton_v1_DependentItem__Output } from './baton/v1/DependentItem.js';
import type { ForceTaskSuccessRequest as _baton_v1_ForceTaskSuccessRequest, ForceTaskSuccessRequest__Output as _baton_v1_ForceTaskSuccessRequest__Output } from './baton/v1/ForceTaskSuccessRequest.js';
import type { GetAlertChannelRequest as _baton_v1_GetAlertChannelRequest, GetAlertChannelRequest__Output as _baton_v1_GetAlertChannelRequest__Output } from './baton/v1/GetAlertChannelRequest.js';
import type { GetBackfillRequest as _baton_v1_GetBackfillRequest, GetBackfillRequest__Output as _baton_v1_GetBackfillRequest__Output } from './baton/v1/GetBackfillRequest.js';
import type { GetInstanceRequest as _baton_v1_GetInstanceRequest, GetInstanceRequest__Output as _baton_v1_GetInstanceRequest__Output } from './baton/v1/GetInstanceRequest.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from './baton/v1/GetSerialStateRequest.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from './baton/v1/GetTaskGroupRequest.js';
import type { GetTaskLogRequest as _baton_v1_GetTaskLogRequest, GetTaskLogRequest__Output as _baton_v1_GetTaskLogRequest__Output } from './baton/v1/GetTaskLogRequest.js';
import type { GetWorkflowRequest as _baton_v1_GetWorkflowRequest, GetWorkflowRequest__Output as _baton_v1_GetWorkflowRequest__Output } from './baton/v1/GetWorkflowRequest.js';
import type { Instance as _baton_v1_Instance, Instance__Output as _baton_v1_Instance__Output } from './baton/v1/Instance.js';
import type { InstanceEvent as _baton_v1_InstanceEvent, InstanceEvent__Output as _baton_v1_InstanceEvent__Output } from './baton/v1/InstanceEvent.js';
import type { InstanceHistory as _baton_v1_InstanceHistory, InstanceHistory__Output as _baton_v1_InstanceHistory__Output } from './baton/v1/InstanceHistory.js';
import type { ListAlertChannelsRequest as _baton_v1_ListAlertChannelsRequest, ListAlertChannelsRequest__Output as _baton_v1_ListAlertChannelsRequest__Output } from './baton/v1/ListAlertChannelsRequest.js';
import type { ListAlertChannelsResponse as _baton_v1_ListAlertChannelsResponse, ListAlertChannelsResponse__Output as _baton_v1_ListAlertChannelsResponse__Output } from './baton/v1/ListAlertChannelsResponse.js';
import type { ListAuditEventsRequest as _baton_v1_ListAuditEventsRequest, ListAuditEventsRequest__Output as _baton_v1_ListAuditEventsRequest__Output } from './baton/v1/ListAuditEventsRequest.js';
import type { ListAuditEventsResponse as _baton_v1_ListAuditEventsResponse, ListAuditEventsResponse__Output as _baton_v1_ListAuditEventsResponse__Output } from './baton/v1/ListAuditEventsResponse.js';
import type { ListBackfillsRequest as _baton_v1_ListBackfillsRequest, ListBackfillsRequest__Output as _baton_v1_ListBackfillsRequest__Output } from './baton/v1/ListBackfillsRequest.js';
import type { ListBackfillsResponse as _baton_v1_ListBackfillsResponse, ListBackfillsResponse__Output as _baton_v1_ListBackfillsResponse__Output } from './baton/v1/ListBackfillsResponse.js';
import type { ListInstancesRequest as _baton_v1_ListInstancesRequest, ListInstancesRequest__Output as _baton_v1_ListInstancesRequest__Output } from './baton/v1/ListInstancesRequest.js';
import type { ListInstancesResponse as _baton_v1_ListInstancesResponse, ListInstancesResponse__Output as _baton_v1_ListInstancesResponse__Output } from './baton/v1/ListInstancesResponse.js';
import type { ListMembersRequest as _baton_v1_ListMembersRequest, ListMembersRequest__Output as _baton_v1_ListMembersRequest__Output } from './baton/v1/ListMembersRequest.js';
import type { ListMembersResponse as _baton_v1_ListMembersResponse, ListMembersResponse__Output as _baton_v1_ListMembersResponse__Output } from './baton/v1/ListMembersResponse.js';
import type { ListTaskGroupsRequest as _baton_v1_ListTaskGroupsRequest, ListTaskGroupsRequest__Output as _baton_v1_ListTaskGroupsRequest__Output } from './baton/v1/ListTaskGroupsRequest.js';
import type { ListTaskGroupsResponse as _baton_v1_ListTaskGroupsResponse, ListTaskGroupsResponse__Output as _baton_v1_ListTaskGroupsResponse__Output } from './baton/v1/ListTaskGroupsResponse.js';
import type { ListWorkflowsRequest as _baton_v1_ListWorkflowsRequest, ListWorkflowsRequest__Output as _baton_v1_ListWorkflowsRequest__Output } from './baton/v1/ListWorkflowsRequest.js';
import type { ListWorkflowsResponse as _baton_v1_ListWorkflowsResponse, ListWorkflowsResponse__Output as _baton_v1_ListWorkflowsResponse__Output } from './baton/v1/ListWorkflowsResponse.js';
import type { Member as _baton_v1_Member, Member__Output as _baton_v1_Member__Output } from './baton/v1/Member.js';
import type { PauseInstanceRequest as _baton_v1_PauseInstanceRequest, PauseInstanceRequest__Output as _baton_v1_PauseInstanceRequest__Output } from './baton/v1/PauseInstanceRequest.js';
import type { RecoverInstanceRequest as _baton_v1_RecoverInstanceRequest, RecoverInstanceRequest__Output as _baton_v1_RecoverInstanceRequest__Output } from './baton/v1/RecoverInstanceRequest.js';
import type { ReleaseTaskGroupSlotResponse as _baton_v1_ReleaseTaskGroupSlotResponse, ReleaseTaskGroupSlotResponse__Output as _baton_v1_ReleaseTaskGroupSlotResponse__Output } from './baton/v1/ReleaseTaskGroupSlotResponse.js';
import type { RerunInstanceRequest as _baton_v1_RerunInstanceRequest, RerunInstanceRequest__Output as _baton_v1_RerunInstanceRequest__Output } from './baton/v1/RerunInstanceRequest.js';
import type { ResumeInstanceRequest as _baton_v1_ResumeInstanceRequest, ResumeInstanceRequest__Output as _baton_v1_ResumeInstanceRequest__Output } from './baton/v1/ResumeInstanceRequest.js';
import type { Schedule as _baton_v1_Schedule, Schedule__Output as _baton_v1_Schedule__Output } from './baton/v1/Schedule.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from './baton/v1/SerialState.js';
import type { SetScheduleStateRequest as _baton_v1_SetScheduleStateRequest, SetScheduleStateRequest__Output as _baton_v1_SetScheduleStateRequest__Output } from './baton/v1/SetScheduleStateRequest.js';
import type { SetTaskGroupRequest as _baton_v1_SetTaskGroupRequest, SetTaskGroupRequest__Output as _baton_v1_SetTaskGroupRequest__Output } from './baton/v1/SetTaskGroupRequest.js';
import type { SlotHolder as _baton_v1_SlotHolder, SlotHolder__Output as _baton_v1_SlotHolder__Output } from './baton/v1/SlotHolder.js';
import type { StartBackfillRequest as _baton_v1_StartBackfillRequest, StartBackfillRequest__Output as _baton_v1_StartBackfillRequest__Output } from './baton/v1/StartBackfillRequest.js';
import type { StartInstanceRequest as _baton_v1_StartInstanceRequest, StartInstanceRequest__Output as _baton_v1_StartInstanceRequest__Output } from './baton/v1/StartInstanceRequest.js';
import type { StateChange as _baton_v1_StateChange, StateChange__Output as _baton_v1_StateChange__Output } from './baton/v1/StateChange.js';
import type { StopInstanceRequest as _baton_v1_StopInstanceRequest, StopInstanceRequest__Output as _baton_v1_StopInstanceRequest__Output } from './baton/v1/StopInstanceRequest.js';
import type { SwitchCase as _baton_v1_SwitchCase, SwitchCase__Output as _baton_v1_SwitchCase__Output } from './baton/v1/SwitchCase.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from './baton/v1/TaskGroup.js';
import type { TaskGroupAdmitted as _baton_v1_TaskGroupAdmitted, TaskGroupAdmitted__Output as _baton_v1_TaskGroupAdmitted__Output } from './baton/v1/TaskGroupAdmitted.js';
import type { TaskGroupHolder as _baton_v1_TaskGroupHolder, TaskGroupHolder__Output as _baton_v1_TaskGroupHolder__Output } from './baton/v1/TaskGroupHolder.js';
import type { TaskGroupSlotRequest as _baton_v1_TaskGroupSlotRequest, TaskGroupSlotRequest__Output as _baton_v1_TaskGroupSlotRequest__Output } from './baton/v1/TaskGroupSlotRequest.js';
import type { TaskGroupWaiter as _baton_v1_TaskGroupWaiter, TaskGroupWaiter__Output as _baton_v1_TaskGroupWaiter__Output } from './baton/v1/TaskGroupWaiter.js';
import type { TaskInstance as _baton_v1_TaskInstance, TaskInstance__Output as _baton_v1_TaskInstance__Output } from './baton/v1/TaskInstance.js';
import type { TaskLog as _baton_v1_TaskLog, TaskLog__Output as _baton_v1_TaskLog__Output } from './baton/v1/TaskLog.js';
import type { TaskSpec as _baton_v1_TaskSpec, TaskSpec__Output as _baton_v1_TaskSpec__Output } from './baton/v1/TaskSpec.js';
import type { WaitingInstance as _baton_v1_WaitingInstance, WaitingInstance__Output as _baton_v1_WaitingInstance__Output } from './baton/v1/WaitingInstance.js';
import type { WatchInstanceRequest as _baton_v1_WatchInstanceRequest, WatchInstanceRequest__Output as _baton_v1_WatchInstanceRequest__Output } from './baton/v1/WatchInstanceRequest.js';
import type { WatchInstancesRequest as _baton_v1_WatchInstancesRequest, WatchInstancesRequest__Output as _baton_v1_WatchInstancesRequest__Output } from './baton/v1/WatchInstancesRequest.js';
import type { WorkflowDefinition as _baton_v1_WorkflowDefinition, WorkflowDefinition__Output as _baton_v1_WorkflowDefinition__Output } from './baton/v1/WorkflowDefinition.js';
import type { WorkflowSpec as _baton_v1_WorkflowSpec, WorkflowSpec__Output as _baton_v1_WorkflowSpec__Output } from './baton/v1/WorkflowSpec.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      AcquireTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_AcquireTaskGroupSlotResponse, _baton_v1_AcquireTaskGroupSlotResponse__Output>
      AdmitTaskGroupRequest: MessageTypeDefinition<_baton_v1_AdmitTaskGroupRequest, _baton_v1_AdmitTaskGroupRequest__Output>
      AdmitTaskGroupResponse: MessageTypeDefinition<_baton_v1_AdmitTaskGroupResponse, _baton_v1_AdmitTaskGroupResponse__Output>
      AlertChannel: MessageTypeDefinition<_baton_v1_AlertChannel, _baton_v1_AlertChannel__Output>
      AlertDelivery: MessageTypeDefinition<_baton_v1_AlertDelivery, _baton_v1_AlertDelivery__Output>
      Alerts: MessageTypeDefinition<_baton_v1_Alerts, _baton_v1_Alerts__Output>
      ApplyWorkflowRequest: MessageTypeDefinition<_baton_v1_ApplyWorkflowRequest, _baton_v1_ApplyWorkflowRequest__Output>
      AuditEvent: MessageTypeDefinition<_baton_v1_AuditEvent, _baton_v1_AuditEvent__Output>
      Backfill: MessageTypeDefinition<_baton_v1_Backfill, _baton_v1_Backfill__Output>
      BackfillControlRequest: MessageTypeDefinition<_baton_v1_BackfillControlRequest, _baton_v1_BackfillControlRequest__Output>
      BackfillDate: MessageTypeDefinition<_baton_v1_BackfillDate, _baton_v1_BackfillDate__Output>
      BatonApi: SubtypeConstructor<typeof grpc.Client, _baton_v1_BatonApiClient> & { service: _baton_v1_BatonApiDefinition }
      Condition: MessageTypeDefinition<_baton_v1_Condition, _baton_v1_Condition__Output>
      ConditionItem: MessageTypeDefinition<_baton_v1_ConditionItem, _baton_v1_ConditionItem__Output>
      CreateAlertChannelRequest: MessageTypeDefinition<_baton_v1_CreateAlertChannelRequest, _baton_v1_CreateAlertChannelRequest__Output>
      DeleteAlertChannelRequest: MessageTypeDefinition<_baton_v1_DeleteAlertChannelRequest, _baton_v1_DeleteAlertChannelRequest__Output>
      DependOn: MessageTypeDefinition<_baton_v1_DependOn, _baton_v1_DependOn__Output>
      DependentItem: MessageTypeDefinition<_baton_v1_DependentItem, _baton_v1_DependentItem__Output>
      ForceTaskSuccessRequest: MessageTypeDefinition<_baton_v1_ForceTaskSuccessRequest, _baton_v1_ForceTaskSuccessRequest__Output>
      GetAlertChannelRequest: MessageTypeDefinition<_baton_v1_GetAlertChannelRequest, _baton_v1_GetAlertChannelRequest__Output>
      GetBackfillRequest: MessageTypeDefinition<_baton_v1_GetBackfillRequest, _baton_v1_GetBackfillRequest__Output>
      GetInstanceRequest: MessageTypeDefinition<_baton_v1_GetInstanceRequest, _baton_v1_GetInstanceRequest__Output>
      GetSerialStateRequest: MessageTypeDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_GetSerialStateRequest__Output>
      GetTaskGroupRequest: MessageTypeDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_GetTaskGroupRequest__Output>
      GetTaskLogRequest: MessageTypeDefinition<_baton_v1_GetTaskLogRequest, _baton_v1_GetTaskLogRequest__Output>
      GetWorkflowRequest: MessageTypeDefinition<_baton_v1_GetWorkflowRequest, _baton_v1_GetWorkflowRequest__Output>
      Instance: MessageTypeDefinition<_baton_v1_Instance, _baton_v1_Instance__Output>
      InstanceEvent: MessageTypeDefinition<_baton_v1_InstanceEvent, _baton_v1_InstanceEvent__Output>
      InstanceHistory: MessageTypeDefinition<_baton_v1_InstanceHistory, _baton_v1_InstanceHistory__Output>
      ListAlertChannelsRequest: MessageTypeDefinition<_baton_v1_ListAlertChannelsRequest, _baton_v1_ListAlertChannelsRequest__Output>
      ListAlertChannelsResponse: MessageTypeDefinition<_baton_v1_ListAlertChannelsResponse, _baton_v1_ListAlertChannelsResponse__Output>
      ListAuditEventsRequest: MessageTypeDefinition<_baton_v1_ListAuditEventsRequest, _baton_v1_ListAuditEventsRequest__Output>
      ListAuditEventsResponse: MessageTypeDefinition<_baton_v1_ListAuditEventsResponse, _baton_v1_ListAuditEventsResponse__Output>
      ListBackfillsRequest: MessageTypeDefinition<_baton_v1_ListBackfillsRequest, _baton_v1_ListBackfillsRequest__Output>
      ListBackfillsResponse: MessageTypeDefinition<_baton_v1_ListBackfillsResponse, _baton_v1_ListBackfillsResponse__Output>
      ListInstancesRequest: MessageTypeDefinition<_baton_v1_ListInstancesRequest, _baton_v1_ListInstancesRequest__Output>
      ListInstancesResponse: MessageTypeDefinition<_baton_v1_ListInstancesResponse, _baton_v1_ListInstancesResponse__Output>
      ListMembersRequest: MessageTypeDefinition<_baton_v1_ListMembersRequest, _baton_v1_ListMembersRequest__Output>
      ListMembersResponse: MessageTypeDefinition<_baton_v1_ListMembersResponse, _baton_v1_ListMembersResponse__Output>
      ListTaskGroupsRequest: MessageTypeDefinition<_baton_v1_ListTaskGroupsRequest, _baton_v1_ListTaskGroupsRequest__Output>
      ListTaskGroupsResponse: MessageTypeDefinition<_baton_v1_ListTaskGroupsResponse, _baton_v1_ListTaskGroupsResponse__Output>
      ListWorkflowsRequest: MessageTypeDefinition<_baton_v1_ListWorkflowsRequest, _baton_v1_ListWorkflowsRequest__Output>
      ListWorkflowsResponse: MessageTypeDefinition<_baton_v1_ListWorkflowsResponse, _baton_v1_ListWorkflowsResponse__Output>
      Member: MessageTypeDefinition<_baton_v1_Member, _baton_v1_Member__Output>
      PauseInstanceRequest: MessageTypeDefinition<_baton_v1_PauseInstanceRequest, _baton_v1_PauseInstanceRequest__Output>
      RecoverInstanceRequest: MessageTypeDefinition<_baton_v1_RecoverInstanceRequest, _baton_v1_RecoverInstanceRequest__Output>
      ReleaseTaskGroupSlotResponse: MessageTypeDefinition<_baton_v1_ReleaseTaskGroupSlotResponse, _baton_v1_ReleaseTaskGroupSlotResponse__Output>
      RerunInstanceRequest: MessageTypeDefinition<_baton_v1_RerunInstanceRequest, _baton_v1_RerunInstanceRequest__Output>
      ResumeInstanceRequest: MessageTypeDefinition<_baton_v1_ResumeInstanceRequest, _baton_v1_ResumeInstanceRequest__Output>
      Schedule: MessageTypeDefinition<_baton_v1_Schedule, _baton_v1_Schedule__Output>
      SerialState: MessageTypeDefinition<_baton_v1_SerialState, _baton_v1_SerialState__Output>
      SetScheduleStateRequest: MessageTypeDefinition<_baton_v1_SetScheduleStateRequest, _baton_v1_SetScheduleStateRequest__Output>
      SetTaskGroupRequest: MessageTypeDefinition<_baton_v1_SetTaskGroupRequest, _baton_v1_SetTaskGroupRequest__Output>
      SlotHolder: MessageTypeDefinition<_baton_v1_SlotHolder, _baton_v1_SlotHolder__Output>
      StartBackfillRequest: MessageTypeDefinition<_baton_v1_StartBackfillRequest, _baton_v1_StartBackfillRequest__Output>
      StartInstanceRequest: MessageTypeDefinition<_baton_v1_StartInstanceRequest, _baton_v1_StartInstanceRequest__Output>
      StateChange: MessageTypeDefinition<_baton_v1_StateChange, _baton_v1_StateChange__Output>
      StopInstanceRequest: MessageTypeDefinition<_baton_v1_StopInstanceRequest, _baton_v1_StopInstanceRequest__Output>
      SwitchCase: MessageTypeDefinition<_baton_v1_SwitchCase, _baton_v1_SwitchCase__Output>
      TaskGroup: MessageTypeDefinition<_baton_v1_TaskGroup, _baton_v1_TaskGroup__Output>
      TaskGroupAdmitted: MessageTypeDefinition<_baton_v1_TaskGroupAdmitted, _baton_v1_TaskGroupAdmitted__Output>
      TaskGroupHolder: MessageTypeDefinition<_baton_v1_TaskGroupHolder, _baton_v1_TaskGroupHolder__Output>
      TaskGroupSlotRequest: MessageTypeDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_TaskGroupSlotRequest__Output>
      TaskGroupWaiter: MessageTypeDefinition<_baton_v1_TaskGroupWaiter, _baton_v1_TaskGroupWaiter__Output>
      TaskInstance: MessageTypeDefinition<_baton_v1_TaskInstance, _baton_v1_TaskInstance__Output>
      TaskLog: MessageTypeDefinition<_baton_v1_TaskLog, _baton_v1_TaskLog__Output>
      TaskSpec: MessageTypeDefinition<_baton_v1_TaskSpec, _baton_v1_TaskSpec__Output>
      WaitingInstance: MessageTypeDefinition<_baton_v1_WaitingInstance, _baton_v1_WaitingInstance__Output>
      WatchInstanceRequest: MessageTypeDefinition<_baton_v1_WatchInstanceRequest, _baton_v1_WatchInstanceRequest__Output>
      WatchInstancesRequest: MessageTypeDefinition<_baton_v1_WatchInstancesRequest, _baton_v1_WatchInstancesRequest__Output>
      WorkflowDefinition: MessageTypeDefinition<_baton_v1_WorkflowDefinition, _baton_v1_WorkflowDefinition__Output>
      WorkflowSpec: MessageTypeDefinition<_baton_v1_WorkflowSpec, _baton_v1_WorkflowSpec__Output>
    }
  }
}

