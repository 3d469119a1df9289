// Original file: proto/baton/v1/master.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChildEnded as _baton_v1_ChildEnded, ChildEnded__Output as _baton_v1_ChildEnded__Output } from '../../baton/v1/ChildEnded.js';
import type { MasterAck as _baton_v1_MasterAck, MasterAck__Output as _baton_v1_MasterAck__Output } from '../../baton/v1/MasterAck.js';
import type { SerialDecision as _baton_v1_SerialDecision, SerialDecision__Output as _baton_v1_SerialDecision__Output } from '../../baton/v1/SerialDecision.js';
import type { StopOwnedInstanceRequest as _baton_v1_StopOwnedInstanceRequest, StopOwnedInstanceRequest__Output as _baton_v1_StopOwnedInstanceRequest__Output } from '../../baton/v1/StopOwnedInstanceRequest.js';
import type { SubmitInstanceRequest as _baton_v1_SubmitInstanceRequest, SubmitInstanceRequest__Output as _baton_v1_SubmitInstanceRequest__Output } from '../../baton/v1/SubmitInstanceRequest.js';
import type { SubmitInstanceResponse as _baton_v1_SubmitInstanceResponse, SubmitInstanceResponse__Output as _baton_v1_SubmitInstanceResponse__Output } from '../../baton/v1/SubmitInstanceResponse.js';
import type { TaskGroupAdmitted as _baton_v1_TaskGroupAdmitted, TaskGroupAdmitted__Output as _baton_v1_TaskGroupAdmitted__Output } from '../../baton/v1/TaskGroupAdmitted.js';
import type { TaskReport as _baton_v1_TaskReport, TaskReport__Output as _baton_v1_TaskReport__Output } from '../../baton/v1/TaskReport.js';

export interface MasterClient extends grpc.Client {
  ForceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ForceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  forceTaskSuccess(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  NotifyChildEnded(argument: _baton_v1_ChildEnded, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyChildEnded(argument: _baton_v1_ChildEnded, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyChildEnded(argument: _baton_v1_ChildEnded, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyChildEnded(argument: _baton_v1_ChildEnded, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyChildEnded(argument: _baton_v1_ChildEnded, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyChildEnded(argument: _baton_v1_ChildEnded, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyChildEnded(argument: _baton_v1_ChildEnded, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyChildEnded(argument: _baton_v1_ChildEnded, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  NotifySerialDecision(argument: _baton_v1_SerialDecision, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifySerialDecision(argument: _baton_v1_SerialDecision, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifySerialDecision(argument: _baton_v1_SerialDecision, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifySerialDecision(argument: _baton_v1_SerialDecision, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifySerialDecision(argument: _baton_v1_SerialDecision, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifySerialDecision(argument: _baton_v1_SerialDecision, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifySerialDecision(argument: _baton_v1_SerialDecision, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifySerialDecision(argument: _baton_v1_SerialDecision, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  NotifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  NotifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  notifyTaskGroupAdmitted(argument: _baton_v1_TaskGroupAdmitted, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  PauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  PauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  pauseInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  ReportTask(argument: _baton_v1_TaskReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ReportTask(argument: _baton_v1_TaskReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ReportTask(argument: _baton_v1_TaskReport, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ReportTask(argument: _baton_v1_TaskReport, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  reportTask(argument: _baton_v1_TaskReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  reportTask(argument: _baton_v1_TaskReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  reportTask(argument: _baton_v1_TaskReport, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  reportTask(argument: _baton_v1_TaskReport, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  ResumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  StopInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  StopInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopOwnedInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopOwnedInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  stopInstance(argument: _baton_v1_StopOwnedInstanceRequest, callback: grpc.requestCallback<_baton_v1_MasterAck__Output>): grpc.ClientUnaryCall;
  
  SubmitInstance(argument: _baton_v1_SubmitInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  SubmitInstance(argument: _baton_v1_SubmitInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  SubmitInstance(argument: _baton_v1_SubmitInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  SubmitInstance(argument: _baton_v1_SubmitInstanceRequest, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  submitInstance(argument: _baton_v1_SubmitInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  submitInstance(argument: _baton_v1_SubmitInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  submitInstance(argument: _baton_v1_SubmitInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  submitInstance(argument: _baton_v1_SubmitInstanceRequest, callback: grpc.requestCallback<_baton_v1_SubmitInstanceResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MasterHandlers extends grpc.UntypedServiceImplementation {
  ForceTaskSuccess: grpc.handleUnaryCall<_baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck>;
  
  NotifyChildEnded: grpc.handleUnaryCall<_baton_v1_ChildEnded__Output, _baton_v1_MasterAck>;
  
  NotifySerialDecision: grpc.handleUnaryCall<_baton_v1_SerialDecision__Output, _baton_v1_MasterAck>;
  
  NotifyTaskGroupAdmitted: grpc.handleUnaryCall<_baton_v1_TaskGroupAdmitted__Output, _baton_v1_MasterAck>;
  
  PauseInstance: grpc.handleUnaryCall<_baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck>;
  
  ReportTask: grpc.handleUnaryCall<_baton_v1_TaskReport__Output, _baton_v1_MasterAck>;
  
  ResumeInstance: grpc.handleUnaryCall<_baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck>;
  
  StopInstance: grpc.handleUnaryCall<_baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck>;
  
  SubmitInstance: grpc.handleUnaryCall<_baton_v1_SubmitInstanceRequest__Output, _baton_v1_SubmitInstanceResponse>;
  
}

export interface MasterDefinition extends grpc.ServiceDefinition {
  ForceTaskSuccess: MethodDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_MasterAck, _baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck__Output>
  NotifyChildEnded: MethodDefinition<_baton_v1_ChildEnded, _baton_v1_MasterAck, _baton_v1_ChildEnded__Output, _baton_v1_MasterAck__Output>
  NotifySerialDecision: MethodDefinition<_baton_v1_SerialDecision, _baton_v1_MasterAck, _baton_v1_SerialDecision__Output, _baton_v1_MasterAck__Output>
  NotifyTaskGroupAdmitted: MethodDefinition<_baton_v1_TaskGroupAdmitted, _baton_v1_MasterAck, _baton_v1_TaskGroupAdmitted__Output, _baton_v1_MasterAck__Output>
  PauseInstance: MethodDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_MasterAck, _baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck__Output>
  ReportTask: MethodDefinition<_baton_v1_TaskReport, _baton_v1_MasterAck, _baton_v1_TaskReport__Output, _baton_v1_MasterAck__Output>
  ResumeInstance: MethodDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_MasterAck, _baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck__Output>
  StopInstance: MethodDefinition<_baton_v1_StopOwnedInstanceRequest, _baton_v1_MasterAck, _baton_v1_StopOwnedInstanceRequest__Output, _baton_v1_MasterAck__Output>
  SubmitInstance: MethodDefinition<_baton_v1_SubmitInstanceRequest, _baton_v1_SubmitInstanceResponse, _baton_v1_SubmitInstanceRequest__Output, _baton_v1_SubmitInstanceResponse__Output>
}
