// Original file: proto/baton/v1/api.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AlertChannel as _baton_v1_AlertChannel, AlertChannel__Output as _baton_v1_AlertChannel__Output } from '../../baton/v1/AlertChannel.js';
import type { ApplyWorkflowRequest as _baton_v1_ApplyWorkflowRequest, ApplyWorkflowRequest__Output as _baton_v1_ApplyWorkflowRequest__Output } from '../../baton/v1/ApplyWorkflowRequest.js';
import type { Backfill as _baton_v1_Backfill, Backfill__Output as _baton_v1_Backfill__Output } from '../../baton/v1/Backfill.js';
import type { BackfillControlRequest as _baton_v1_BackfillControlRequest, BackfillControlRequest__Output as _baton_v1_BackfillControlRequest__Output } from '../../baton/v1/BackfillControlRequest.js';
import type { CreateAlertChannelRequest as _baton_v1_CreateAlertChannelRequest, CreateAlertChannelRequest__Output as _baton_v1_CreateAlertChannelRequest__Output } from '../../baton/v1/CreateAlertChannelRequest.js';
import type { DeleteAlertChannelRequest as _baton_v1_DeleteAlertChannelRequest, DeleteAlertChannelRequest__Output as _baton_v1_DeleteAlertChannelRequest__Output } from '../../baton/v1/DeleteAlertChannelRequest.js';
import type { ForceTaskSuccessRequest as _baton_v1_ForceTaskSuccessRequest, ForceTaskSuccessRequest__Output as _baton_v1_ForceTaskSuccessRequest__Output } from '../../baton/v1/ForceTaskSuccessRequest.js';
import type { GetAlertChannelRequest as _baton_v1_GetAlertChannelRequest, GetAlertChannelRequest__Output as _baton_v1_GetAlertChannelRequest__Output } from '../../baton/v1/GetAlertChannelRequest.js';
import type { GetBackfillRequest as _baton_v1_GetBackfillRequest, GetBackfillRequest__Output as _baton_v1_GetBackfillRequest__Output } from '../../baton/v1/GetBackfillRequest.js';
import type { GetInstanceRequest as _baton_v1_GetInstanceRequest, GetInstanceRequest__Output as _baton_v1_GetInstanceRequest__Output } from '../../baton/v1/GetInstanceRequest.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from '../../baton/v1/GetSerialStateRequest.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from '../../baton/v1/GetTaskGroupRequest.js';
import type { GetTaskLogRequest as _baton_v1_GetTaskLogRequest, GetTaskLogRequest__Output as _baton_v1_GetTaskLogRequest__Output } from '../../baton/v1/GetTaskLogRequest.js';
import type { GetWorkflowRequest as _baton_v1_GetWorkflowRequest, GetWorkflowRequest__Output as _baton_v1_GetWorkflowRequest__Output } from '../../baton/v1/GetWorkflowRequest.js';
import type { Instance as _baton_v1_Instance, Instance__Output as _baton_v1_Instance__Output } from '../../baton/v1/Instance.js';
import type { InstanceEvent as _baton_v1_InstanceEvent, InstanceEvent__Output as _baton_v1_InstanceEvent__Output } from '../../baton/v1/InstanceEvent.js';
import type { InstanceHistory as _baton_v1_InstanceHistory, InstanceHistory__Output as _baton_v1_InstanceHistory__Output } from '../../baton/v1/InstanceHistory.js';
import type { ListAlertChannelsRequest as _baton_v1_ListAlertChannelsRequest, ListAlertChannelsRequest__Output as _baton_v1_ListAlertChannelsRequest__Output } from '../../baton/v1/ListAlertChannelsRequest.js';
import type { ListAlertChannelsResponse as _baton_v1_ListAlertChannelsResponse, ListAlertChannelsResponse__Output as _baton_v1_ListAlertChannelsResponse__Output } from '../../baton/v1/ListAlertChannelsResponse.js';
import type { ListAuditEventsRequest as _baton_v1_ListAuditEventsRequest, ListAuditEventsRequest__Output as _baton_v1_ListAuditEventsRequest__Output } from '../../baton/v1/ListAuditEventsRequest.js';
import type { ListAuditEventsResponse as _baton_v1_ListAuditEventsResponse, ListAuditEventsResponse__Output as _baton_v1_ListAuditEventsResponse__Output } from '../../baton/v1/ListAuditEventsResponse.js';
import type { ListBackfillsRequest as _baton_v1_ListBackfillsRequest, ListBackfillsRequest__Output as _baton_v1_ListBackfillsRequest__Output } from '../../baton/v1/ListBackfillsRequest.js';
import type { ListBackfillsResponse as _baton_v1_ListBackfillsResponse, ListBackfillsResponse__Output as _baton_v1_ListBackfillsResponse__Output } from '../../baton/v1/ListBackfillsResponse.js';
import type { ListInstancesRequest as _baton_v1_ListInstancesRequest, ListInstancesRequest__Output as _baton_v1_ListInstancesRequest__Output } from '../../baton/v1/ListInstancesRequest.js';
import type { ListInstancesResponse as _baton_v1_ListInstancesResponse, ListInstancesResponse__Output as _baton_v1_ListInstancesResponse__Output } from '../../baton/v1/ListInstancesResponse.js';
import type { ListMembersRequest as _baton_v1_ListMembersRequest, ListMembersRequest__Output as _baton_v1_ListMembersRequest__Output } from '../../baton/v1/ListMembersRequest.js';
import type { ListMembersResponse as _baton_v1_ListMembersResponse, ListMembersResponse__Output as _baton_v1_ListMembersResponse__Output } from '../../baton/v1/ListMembersResponse.js';
import type { ListTaskGroupsRequest as _baton_v1_ListTaskGroupsRequest, ListTaskGroupsRequest__Output as _baton_v1_ListTaskGroupsRequest__Output } from '../../baton/v1/ListTaskGroupsRequest.js';
import type { ListTaskGroupsResponse as _baton_v1_ListTaskGroupsResponse, ListTaskGroupsResponse__Output as _baton_v1_ListTaskGroupsResponse__Output } from '../../baton/v1/ListTaskGroupsResponse.js';
import type { ListWorkflowsRequest as _baton_v1_ListWorkflowsRequest, ListWorkflowsRequest__Output as _baton_v1_ListWorkflowsRequest__Output } from '../../baton/v1/ListWorkflowsRequest.js';
import type { ListWorkflowsResponse as _baton_v1_ListWorkflowsResponse, ListWorkflowsResponse__Output as _baton_v1_ListWorkflowsResponse__Output } from '../../baton/v1/ListWorkflowsResponse.js';
import type { PauseInstanceRequest as _baton_v1_PauseInstanceRequest, PauseInstanceRequest__Output as _baton_v1_PauseInstanceRequest__Output } from '../../baton/v1/PauseInstanceRequest.js';
import type { RecoverInstanceRequest as _baton_v1_RecoverInstanceRequest, RecoverInstanceRequest__Output as _baton_v1_RecoverInstanceRequest__Output } from '../../baton/v1/RecoverInstanceRequest.js';
import type { RerunInstanceRequest as _baton_v1_RerunInstanceRequest, RerunInstanceRequest__Output as _baton_v1_RerunInstanceRequest__Output } from '../../baton/v1/RerunInstanceRequest.js';
import type { ResumeInstanceRequest as _baton_v1_ResumeInstanceRequest, ResumeInstanceRequest__Output as _baton_v1_ResumeInstanceRequest__Output } from '../../baton/v1/ResumeInstanceRequest.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from '../../baton/v1/SerialState.js';
import type { SetScheduleStateRequest as _baton_v1_SetScheduleStateRequest, SetScheduleStateRequest__Output as _baton_v1_SetScheduleStateRequest__Output } from '../../baton/v1/SetScheduleStateRequest.js';
import type { SetTaskGroupRequest as _baton_v1_SetTaskGroupRequest, SetTaskGroupRequest__Output as _baton_v1_SetTaskGroupRequest__Output } from '../../baton/v1/SetTaskGroupRequest.js';
import type { StartBackfillRequest as _baton_v1_StartBackfillRequest, StartBackfillRequest__Output as _baton_v1_StartBackfillRequest__Output } from '../../baton/v1/StartBackfillRequest.js';
import type { StartInstanceRequest as _baton_v1_StartInstanceRequest, StartInstanceRequest__Output as _baton_v1_StartInstanceRequest__Output } from '../../baton/v1/StartInstanceRequest.js';
import type { StopInstanceRequest as _baton_v1_StopInstanceRequest, StopInstanceRequest__Output as _baton_v1_StopInstanceRequest__Output } from '../../baton/v1/StopInstanceRequest.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from '../../baton/v1/TaskGroup.js';
import type { TaskLog as _baton_v1_TaskLog, TaskLog__Output as _baton_v1_TaskLog__Output } from '../../baton/v1/TaskLog.js';
import type { WatchInstanceRequest as _baton_v1_WatchInstanceRequest, WatchInstanceRequest__Output as _baton_v1_WatchInstanceRequest__Output } from '../../baton/v1/WatchInstanceRequest.js';
import type { WatchInstancesRequest as _baton_v1_WatchInstancesRequest, WatchInstancesRequest__Output as _baton_v1_WatchInstancesRequest__Output } from '../../baton/v1/WatchInstancesRequest.js';
import type { WorkflowDefinition as _baton_v1_WorkflowDefinition, WorkflowDefinition__Output as _baton_v1_WorkflowDefinition__Output } from '../../baton/v1/WorkflowDefinition.js';

export interface BatonApiClient extends grpc.Client {
  ApplyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  ApplyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  ApplyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  ApplyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  applyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  applyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  applyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  applyWorkflow(argument: _baton_v1_ApplyWorkflowRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  
  CreateAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  CreateAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  CreateAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  CreateAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  createAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  createAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  createAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  createAlertChannel(argument: _baton_v1_CreateAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  
  DeleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  DeleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  DeleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  DeleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  deleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  deleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  deleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  deleteAlertChannel(argument: _baton_v1_DeleteAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  
  ForceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_ForceTaskSuccessRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  GetAlertChannel(argument: _baton_v1_GetAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  GetAlertChannel(argument: _baton_v1_GetAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  GetAlertChannel(argument: _baton_v1_GetAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  GetAlertChannel(argument: _baton_v1_GetAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  getAlertChannel(argument: _baton_v1_GetAlertChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  getAlertChannel(argument: _baton_v1_GetAlertChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  getAlertChannel(argument: _baton_v1_GetAlertChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  getAlertChannel(argument: _baton_v1_GetAlertChannelRequest, callback: grpc.requestCallback<_baton_v1_AlertChannel__Output>): grpc.ClientUnaryCall;
  
  GetBackfill(argument: _baton_v1_GetBackfillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  GetBackfill(argument: _baton_v1_GetBackfillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  GetBackfill(argument: _baton_v1_GetBackfillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  GetBackfill(argument: _baton_v1_GetBackfillRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  getBackfill(argument: _baton_v1_GetBackfillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  getBackfill(argument: _baton_v1_GetBackfillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  getBackfill(argument: _baton_v1_GetBackfillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  getBackfill(argument: _baton_v1_GetBackfillRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  
  GetInstance(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _baton_v1_GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _baton_v1_GetInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _baton_v1_GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _baton_v1_GetInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  GetInstanceHistory(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _baton_v1_GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _baton_v1_GetInstanceRequest, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _baton_v1_GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _baton_v1_GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _baton_v1_GetInstanceRequest, callback: grpc.requestCallback<_baton_v1_InstanceHistory__Output>): grpc.ClientUnaryCall;
  
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  
  GetTaskGroup(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroup(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroup(argument: _baton_v1_GetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroup(argument: _baton_v1_GetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroup(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroup(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroup(argument: _baton_v1_GetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroup(argument: _baton_v1_GetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  
  GetTaskLog(argument: _baton_v1_GetTaskLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  GetTaskLog(argument: _baton_v1_GetTaskLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  GetTaskLog(argument: _baton_v1_GetTaskLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  GetTaskLog(argument: _baton_v1_GetTaskLogRequest, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  getTaskLog(argument: _baton_v1_GetTaskLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  getTaskLog(argument: _baton_v1_GetTaskLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  getTaskLog(argument: _baton_v1_GetTaskLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  getTaskLog(argument: _baton_v1_GetTaskLogRequest, callback: grpc.requestCallback<_baton_v1_TaskLog__Output>): grpc.ClientUnaryCall;
  
  GetWorkflow(argument: _baton_v1_GetWorkflowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  GetWorkflow(argument: _baton_v1_GetWorkflowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  GetWorkflow(argument: _baton_v1_GetWorkflowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  GetWorkflow(argument: _baton_v1_GetWorkflowRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  getWorkflow(argument: _baton_v1_GetWorkflowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  getWorkflow(argument: _baton_v1_GetWorkflowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  getWorkflow(argument: _baton_v1_GetWorkflowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  getWorkflow(argument: _baton_v1_GetWorkflowRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  
  ListAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  listAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  listAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  listAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  listAlertChannels(argument: _baton_v1_ListAlertChannelsRequest, callback: grpc.requestCallback<_baton_v1_ListAlertChannelsResponse__Output>): grpc.ClientUnaryCall;
  
  ListAuditEvents(argument: _baton_v1_ListAuditEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditEvents(argument: _baton_v1_ListAuditEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditEvents(argument: _baton_v1_ListAuditEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  ListAuditEvents(argument: _baton_v1_ListAuditEventsRequest, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  listAuditEvents(argument: _baton_v1_ListAuditEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  listAuditEvents(argument: _baton_v1_ListAuditEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  listAuditEvents(argument: _baton_v1_ListAuditEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  listAuditEvents(argument: _baton_v1_ListAuditEventsRequest, callback: grpc.requestCallback<_baton_v1_ListAuditEventsResponse__Output>): grpc.ClientUnaryCall;
  
  ListBackfills(argument: _baton_v1_ListBackfillsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  ListBackfills(argument: _baton_v1_ListBackfillsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  ListBackfills(argument: _baton_v1_ListBackfillsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  ListBackfills(argument: _baton_v1_ListBackfillsRequest, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  listBackfills(argument: _baton_v1_ListBackfillsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  listBackfills(argument: _baton_v1_ListBackfillsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  listBackfills(argument: _baton_v1_ListBackfillsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  listBackfills(argument: _baton_v1_ListBackfillsRequest, callback: grpc.requestCallback<_baton_v1_ListBackfillsResponse__Output>): grpc.ClientUnaryCall;
  
  ListInstances(argument: _baton_v1_ListInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _baton_v1_ListInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _baton_v1_ListInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListInstances(argument: _baton_v1_ListInstancesRequest, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _baton_v1_ListInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _baton_v1_ListInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _baton_v1_ListInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  listInstances(argument: _baton_v1_ListInstancesRequest, callback: grpc.requestCallback<_baton_v1_ListInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  ListMembers(argument: _baton_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _baton_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _baton_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _baton_v1_ListMembersRequest, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _baton_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _baton_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _baton_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _baton_v1_ListMembersRequest, callback: grpc.requestCallback<_baton_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  
  ListTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  listTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  listTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  listTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  listTaskGroups(argument: _baton_v1_ListTaskGroupsRequest, callback: grpc.requestCallback<_baton_v1_ListTaskGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  ListWorkflows(argument: _baton_v1_ListWorkflowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkflows(argument: _baton_v1_ListWorkflowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkflows(argument: _baton_v1_ListWorkflowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  ListWorkflows(argument: _baton_v1_ListWorkflowsRequest, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  listWorkflows(argument: _baton_v1_ListWorkflowsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  listWorkflows(argument: _baton_v1_ListWorkflowsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  listWorkflows(argument: _baton_v1_ListWorkflowsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  listWorkflows(argument: _baton_v1_ListWorkflowsRequest, callback: grpc.requestCallback<_baton_v1_ListWorkflowsResponse__Output>): grpc.ClientUnaryCall;
  
  PauseInstance(argument: _baton_v1_PauseInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_PauseInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_PauseInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_PauseInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_PauseInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_PauseInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_PauseInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_PauseInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  RecoverInstance(argument: _baton_v1_RecoverInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RecoverInstance(argument: _baton_v1_RecoverInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RecoverInstance(argument: _baton_v1_RecoverInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RecoverInstance(argument: _baton_v1_RecoverInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  recoverInstance(argument: _baton_v1_RecoverInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  recoverInstance(argument: _baton_v1_RecoverInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  recoverInstance(argument: _baton_v1_RecoverInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  recoverInstance(argument: _baton_v1_RecoverInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  RerunInstance(argument: _baton_v1_RerunInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RerunInstance(argument: _baton_v1_RerunInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RerunInstance(argument: _baton_v1_RerunInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  RerunInstance(argument: _baton_v1_RerunInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  rerunInstance(argument: _baton_v1_RerunInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  rerunInstance(argument: _baton_v1_RerunInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  rerunInstance(argument: _baton_v1_RerunInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  rerunInstance(argument: _baton_v1_RerunInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  ResumeBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  ResumeBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  ResumeBackfill(argument: _baton_v1_BackfillControlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  ResumeBackfill(argument: _baton_v1_BackfillControlRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  resumeBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  resumeBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  resumeBackfill(argument: _baton_v1_BackfillControlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  resumeBackfill(argument: _baton_v1_BackfillControlRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  
  ResumeInstance(argument: _baton_v1_ResumeInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_ResumeInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_ResumeInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_ResumeInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_ResumeInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_ResumeInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_ResumeInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_ResumeInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  SetScheduleState(argument: _baton_v1_SetScheduleStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  SetScheduleState(argument: _baton_v1_SetScheduleStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  SetScheduleState(argument: _baton_v1_SetScheduleStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  SetScheduleState(argument: _baton_v1_SetScheduleStateRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  setScheduleState(argument: _baton_v1_SetScheduleStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  setScheduleState(argument: _baton_v1_SetScheduleStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  setScheduleState(argument: _baton_v1_SetScheduleStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  setScheduleState(argument: _baton_v1_SetScheduleStateRequest, callback: grpc.requestCallback<_baton_v1_WorkflowDefinition__Output>): grpc.ClientUnaryCall;
  
  SetTaskGroup(argument: _baton_v1_SetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  SetTaskGroup(argument: _baton_v1_SetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  SetTaskGroup(argument: _baton_v1_SetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  SetTaskGroup(argument: _baton_v1_SetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  setTaskGroup(argument: _baton_v1_SetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  setTaskGroup(argument: _baton_v1_SetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  setTaskGroup(argument: _baton_v1_SetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  setTaskGroup(argument: _baton_v1_SetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  
  StartBackfill(argument: _baton_v1_StartBackfillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StartBackfill(argument: _baton_v1_StartBackfillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StartBackfill(argument: _baton_v1_StartBackfillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StartBackfill(argument: _baton_v1_StartBackfillRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  startBackfill(argument: _baton_v1_StartBackfillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  startBackfill(argument: _baton_v1_StartBackfillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  startBackfill(argument: _baton_v1_StartBackfillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  startBackfill(argument: _baton_v1_StartBackfillRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  
  StartInstance(argument: _baton_v1_StartInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _baton_v1_StartInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _baton_v1_StartInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _baton_v1_StartInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _baton_v1_StartInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _baton_v1_StartInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _baton_v1_StartInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _baton_v1_StartInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  StopBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StopBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StopBackfill(argument: _baton_v1_BackfillControlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  StopBackfill(argument: _baton_v1_BackfillControlRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  stopBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  stopBackfill(argument: _baton_v1_BackfillControlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  stopBackfill(argument: _baton_v1_BackfillControlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  stopBackfill(argument: _baton_v1_BackfillControlRequest, callback: grpc.requestCallback<_baton_v1_Backfill__Output>): grpc.ClientUnaryCall;
  
  StopInstance(argument: _baton_v1_StopInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopInstanceRequest, callback: grpc.requestCallback<_baton_v1_Instance__Output>): grpc.ClientUnaryCall;
  
  WatchInstance(argument: _baton_v1_WatchInstanceRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  WatchInstance(argument: _baton_v1_WatchInstanceRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  watchInstance(argument: _baton_v1_WatchInstanceRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  watchInstance(argument: _baton_v1_WatchInstanceRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  
  WatchInstances(argument: _baton_v1_WatchInstancesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  WatchInstances(argument: _baton_v1_WatchInstancesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  watchInstances(argument: _baton_v1_WatchInstancesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  watchInstances(argument: _baton_v1_WatchInstancesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_baton_v1_InstanceEvent__Output>;
  
}

export interface BatonApiHandlers extends grpc.UntypedServiceImplementation {
  ApplyWorkflow: grpc.handleUnaryCall<_baton_v1_ApplyWorkflowRequest__Output, _baton_v1_WorkflowDefinition>;
  
  CreateAlertChannel: grpc.handleUnaryCall<_baton_v1_CreateAlertChannelRequest__Output, _baton_v1_AlertChannel>;
  
  DeleteAlertChannel: grpc.handleUnaryCall<_baton_v1_DeleteAlertChannelRequest__Output, _baton_v1_AlertChannel>;
  
  ForceTaskSuccess: grpc.handleUnaryCall<_baton_v1_ForceTaskSuccessRequest__Output, _baton_v1_Instance>;
  
  GetAlertChannel: grpc.handleUnaryCall<_baton_v1_GetAlertChannelRequest__Output, _baton_v1_AlertChannel>;
  
  GetBackfill: grpc.handleUnaryCall<_baton_v1_GetBackfillRequest__Output, _baton_v1_Backfill>;
  
  GetInstance: grpc.handleUnaryCall<_baton_v1_GetInstanceRequest__Output, _baton_v1_Instance>;
  
  GetInstanceHistory: grpc.handleUnaryCall<_baton_v1_GetInstanceRequest__Output, _baton_v1_InstanceHistory>;
  
  GetSerialState: grpc.handleUnaryCall<_baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState>;
  
  GetTaskGroup: grpc.handleUnaryCall<_baton_v1_GetTaskGroupRequest__Output, _baton_v1_TaskGroup>;
  
  GetTaskLog: grpc.handleUnaryCall<_baton_v1_GetTaskLogRequest__Output, _baton_v1_TaskLog>;
  
  GetWorkflow: grpc.handleUnaryCall<_baton_v1_GetWorkflowRequest__Output, _baton_v1_WorkflowDefinition>;
  
  ListAlertChannels: grpc.handleUnaryCall<_baton_v1_ListAlertChannelsRequest__Output, _baton_v1_ListAlertChannelsResponse>;
  
  ListAuditEvents: grpc.handleUnaryCall<_baton_v1_ListAuditEventsRequest__Output, _baton_v1_ListAuditEventsResponse>;
  
  ListBackfills: grpc.handleUnaryCall<_baton_v1_ListBackfillsRequest__Output, _baton_v1_ListBackfillsResponse>;
  
  ListInstances: grpc.handleUnaryCall<_baton_v1_ListInstancesRequest__Output, _baton_v1_ListInstancesResponse>;
  
  ListMembers: grpc.handleUnaryCall<_baton_v1_ListMembersRequest__Output, _baton_v1_ListMembersResponse>;
  
  ListTaskGroups: grpc.handleUnaryCall<_baton_v1_ListTaskGroupsRequest__Output, _baton_v1_ListTaskGroupsResponse>;
  
  ListWorkflows: grpc.handleUnaryCall<_baton_v1_ListWorkflowsRequest__Output, _baton_v1_ListWorkflowsResponse>;
  
  PauseInstance: grpc.handleUnaryCall<_baton_v1_PauseInstanceRequest__Output, _baton_v1_Instance>;
  
  RecoverInstance: grpc.handleUnaryCall<_baton_v1_RecoverInstanceRequest__Output, _baton_v1_Instance>;
  
  RerunInstance: grpc.handleUnaryCall<_baton_v1_RerunInstanceRequest__Output, _baton_v1_Instance>;
  
  ResumeBackfill: grpc.handleUnaryCall<_baton_v1_BackfillControlRequest__Output, _baton_v1_Backfill>;
  
  ResumeInstance: grpc.handleUnaryCall<_baton_v1_ResumeInstanceRequest__Output, _baton_v1_Instance>;
  
  SetScheduleState: grpc.handleUnaryCall<_baton_v1_SetScheduleStateRequest__Output, _baton_v1_WorkflowDefinition>;
  
  SetTaskGroup: grpc.handleUnaryCall<_baton_v1_SetTaskGroupRequest__Output, _baton_v1_TaskGroup>;
  
  StartBackfill: grpc.handleUnaryCall<_baton_v1_StartBackfillRequest__Output, _baton_v1_Backfill>;
  
  StartInstance: grpc.handleUnaryCall<_baton_v1_StartInstanceRequest__Output, _baton_v1_Instance>;
  
  StopBackfill: grpc.handleUnaryCall<_baton_v1_BackfillControlRequest__Output, _baton_v1_Backfill>;
  
  StopInstance: grpc.handleUnaryCall<_baton_v1_StopInstanceRequest__Output, _baton_v1_Instance>;
  
  WatchInstance: grpc.handleServerStreamingCall<_baton_v1_WatchInstanceRequest__Output, _baton_v1_InstanceEvent>;
  
  WatchInstances: grpc.handleServerStreamingCall<_baton_v1_WatchInstancesRequest__Output, _baton_v1_InstanceEvent>;
  
}

export interface BatonApiDefinition extends grpc.ServiceDefinition {
  ApplyWorkflow: MethodDefinition<_baton_v1_ApplyWorkflowRequest, _baton_v1_WorkflowDefinition, _baton_v1_ApplyWorkflowRequest__Output, _baton_v1_WorkflowDefinition__Output>
  CreateAlertChannel: MethodDefinition<_baton_v1_CreateAlertChannelRequest, _baton_v1_AlertChannel, _baton_v1_CreateAlertChannelRequest__Output, _baton_v1_AlertChannel__Output>
  DeleteAlertChannel: MethodDefinition<_baton_v1_DeleteAlertChannelRequest, _baton_v1_AlertChannel, _baton_v1_DeleteAlertChannelRequest__Output, _baton_v1_AlertChannel__Output>
  ForceTaskSuccess: MethodDefinition<_baton_v1_ForceTaskSuccessRequest, _baton_v1_Instance, _baton_v1_ForceTaskSuccessRequest__Output, _baton_v1_Instance__Output>
  GetAlertChannel: MethodDefinition<_baton_v1_GetAlertChannelRequest, _baton_v1_AlertChannel, _baton_v1_GetAlertChannelRequest__Output, _baton_v1_AlertChannel__Output>
  GetBackfill: MethodDefinition<_baton_v1_GetBackfillRequest, _baton_v1_Backfill, _baton_v1_GetBackfillRequest__Output, _baton_v1_Backfill__Output>
  GetInstance: MethodDefinition<_baton_v1_GetInstanceRequest, _baton_v1_Instance, _baton_v1_GetInstanceRequest__Output, _baton_v1_Instance__Output>
  GetInstanceHistory: MethodDefinition<_baton_v1_GetInstanceRequest, _baton_v1_InstanceHistory, _baton_v1_GetInstanceRequest__Output, _baton_v1_InstanceHistory__Output>
  GetSerialState: MethodDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_SerialState, _baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState__Output>
  GetTaskGroup: MethodDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_TaskGroup, _baton_v1_GetTaskGroupRequest__Output, _baton_v1_TaskGroup__Output>
  GetTaskLog: MethodDefinition<_baton_v1_GetTaskLogRequest, _baton_v1_TaskLog, _baton_v1_GetTaskLogRequest__Output, _baton_v1_TaskLog__Output>
  GetWorkflow: MethodDefinition<_baton_v1_GetWorkflowRequest, _baton_v1_WorkflowDefinition, _baton_v1_GetWorkflowRequest__Output, _baton_v1_WorkflowDefinition__Output>
  ListAlertChannels: MethodDefinition<_baton_v1_ListAlertChannelsRequest, _baton_v1_ListAlertChannelsResponse, _baton_v1_ListAlertChannelsRequest__Output, _baton_v1_ListAlertChannelsResponse__Output>
  ListAuditEvents: MethodDefinition<_baton_v1_ListAuditEventsRequest, _baton_v1_ListAuditEventsResponse, _baton_v1_ListAuditEventsRequest__Output, _baton_v1_ListAuditEventsResponse__Output>
  ListBackfills: MethodDefinition<_baton_v1_ListBackfillsRequest, _baton_v1_ListBackfillsResponse, _baton_v1_ListBackfillsRequest__Output, _baton_v1_ListBackfillsResponse__Output>
  ListInstances: MethodDefinition<_baton_v1_ListInstancesRequest, _baton_v1_ListInstancesResponse, _baton_v1_ListInstancesRequest__Output, _baton_v1_ListInstancesResponse__Output>
  ListMembers: MethodDefinition<_baton_v1_ListMembersRequest, _baton_v1_ListMembersResponse, _baton_v1_ListMembersRequest__Output, _baton_v1_ListMembersResponse__Output>
  ListTaskGroups: MethodDefinition<_baton_v1_ListTaskGroupsRequest, _baton_v1_ListTaskGroupsResponse, _baton_v1_ListTaskGroupsRequest__Output, _baton_v1_ListTaskGroupsResponse__Output>
  ListWorkflows: MethodDefinition<_baton_v1_ListWorkflowsRequest, _baton_v1_ListWorkflowsResponse, _baton_v1_ListWorkflowsRequest__Output, _baton_v1_ListWorkflowsResponse__Output>
  PauseInstance: MethodDefinition<_baton_v1_PauseInstanceRequest, _baton_v1_Instance, _baton_v1_PauseInstanceRequest__Output, _baton_v1_Instance__Output>
  RecoverInstance: MethodDefinition<_baton_v1_RecoverInstanceRequest, _baton_v1_Instance, _baton_v1_RecoverInstanceRequest__Output, _baton_v1_Instance__Output>
  RerunInstance: MethodDefinition<_baton_v1_RerunInstanceRequest, _baton_v1_Instance, _baton_v1_RerunInstanceRequest__Output, _baton_v1_Instance__Output>
  ResumeBackfill: MethodDefinition<_baton_v1_BackfillControlRequest, _baton_v1_Backfill, _baton_v1_BackfillControlRequest__Output, _baton_v1_Backfill__Output>
  ResumeInstance: MethodDefinition<_baton_v1_ResumeInstanceRequest, _baton_v1_Instance, _baton_v1_ResumeInstanceRequest__Output, _baton_v1_Instance__Output>
  SetScheduleState: MethodDefinition<_baton_v1_SetScheduleStateRequest, _baton_v1_WorkflowDefinition, _baton_v1_SetScheduleStateRequest__Output, _baton_v1_WorkflowDefinition__Output>
  SetTaskGroup: MethodDefinition<_baton_v1_SetTaskGroupRequest, _baton_v1_TaskGroup, _baton_v1_SetTaskGroupRequest__Output, _baton_v1_TaskGroup__Output>
  StartBackfill: MethodDefinition<_baton_v1_StartBackfillRequest, _baton_v1_Backfill, _baton_v1_StartBackfillRequest__Output, _baton_v1_Backfill__Output>
  StartInstance: MethodDefinition<_baton_v1_StartInstanceRequest, _baton_v1_Instance, _baton_v1_StartInstanceRequest__Output, _baton_v1_Instance__Output>
  StopBackfill: MethodDefinition<_baton_v1_BackfillControlRequest, _baton_v1_Backfill, _baton_v1_BackfillControlRequest__Output, _baton_v1_Backfill__Output>
  StopInstance: MethodDefinition<_baton_v1_StopInstanceRequest, _baton_v1_Instance, _baton_v1_StopInstanceRequest__Output, _baton_v1_Instance__Output>
  WatchInstance: MethodDefinition<_baton_v1_WatchInstanceRequest, _baton_v1_InstanceEvent, _baton_v1_WatchInstanceRequest__Output, _baton_v1_InstanceEvent__Output>
  WatchInstances: MethodDefinition<_baton_v1_WatchInstancesRequest, _baton_v1_InstanceEvent, _baton_v1_WatchInstancesRequest__Output, _baton_v1_InstanceEvent__Output>
}
