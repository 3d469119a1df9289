// Original file: proto/baton/v1/coordinator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcquireTaskGroupSlotResponse as _baton_v1_AcquireTaskGroupSlotResponse, AcquireTaskGroupSlotResponse__Output as _baton_v1_AcquireTaskGroupSlotResponse__Output } from '../../baton/v1/AcquireTaskGroupSlotResponse.js';
import type { AdmitTaskGroupRequest as _baton_v1_AdmitTaskGroupRequest, AdmitTaskGroupRequest__Output as _baton_v1_AdmitTaskGroupRequest__Output } from '../../baton/v1/AdmitTaskGroupRequest.js';
import type { AdmitTaskGroupResponse as _baton_v1_AdmitTaskGroupResponse, AdmitTaskGroupResponse__Output as _baton_v1_AdmitTaskGroupResponse__Output } from '../../baton/v1/AdmitTaskGroupResponse.js';
import type { EnqueueRequest as _baton_v1_EnqueueRequest, EnqueueRequest__Output as _baton_v1_EnqueueRequest__Output } from '../../baton/v1/EnqueueRequest.js';
import type { EnqueueResponse as _baton_v1_EnqueueResponse, EnqueueResponse__Output as _baton_v1_EnqueueResponse__Output } from '../../baton/v1/EnqueueResponse.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from '../../baton/v1/GetSerialStateRequest.js';
import type { GetTaskGroupRequest as _baton_v1_GetTaskGroupRequest, GetTaskGroupRequest__Output as _baton_v1_GetTaskGroupRequest__Output } from '../../baton/v1/GetTaskGroupRequest.js';
import type { ReleaseRequest as _baton_v1_ReleaseRequest, ReleaseRequest__Output as _baton_v1_ReleaseRequest__Output } from '../../baton/v1/ReleaseRequest.js';
import type { ReleaseResponse as _baton_v1_ReleaseResponse, ReleaseResponse__Output as _baton_v1_ReleaseResponse__Output } from '../../baton/v1/ReleaseResponse.js';
import type { ReleaseTaskGroupSlotResponse as _baton_v1_ReleaseTaskGroupSlotResponse, ReleaseTaskGroupSlotResponse__Output as _baton_v1_ReleaseTaskGroupSlotResponse__Output } from '../../baton/v1/ReleaseTaskGroupSlotResponse.js';
import type { RemoveRequest as _baton_v1_RemoveRequest, RemoveRequest__Output as _baton_v1_RemoveRequest__Output } from '../../baton/v1/RemoveRequest.js';
import type { RemoveResponse as _baton_v1_RemoveResponse, RemoveResponse__Output as _baton_v1_RemoveResponse__Output } from '../../baton/v1/RemoveResponse.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from '../../baton/v1/SerialState.js';
import type { TaskGroup as _baton_v1_TaskGroup, TaskGroup__Output as _baton_v1_TaskGroup__Output } from '../../baton/v1/TaskGroup.js';
import type { TaskGroupSlotRequest as _baton_v1_TaskGroupSlotRequest, TaskGroupSlotRequest__Output as _baton_v1_TaskGroupSlotRequest__Output } from '../../baton/v1/TaskGroupSlotRequest.js';
import type { UpdateHolderRequest as _baton_v1_UpdateHolderRequest, UpdateHolderRequest__Output as _baton_v1_UpdateHolderRequest__Output } from '../../baton/v1/UpdateHolderRequest.js';
import type { UpdateHolderResponse as _baton_v1_UpdateHolderResponse, UpdateHolderResponse__Output as _baton_v1_UpdateHolderResponse__Output } from '../../baton/v1/UpdateHolderResponse.js';

export interface CoordinatorClient extends grpc.Client {
  AcquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  AcquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  AcquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  AcquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  acquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  acquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  acquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  acquireTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, callback: grpc.requestCallback<_baton_v1_AcquireTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  
  AdmitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  AdmitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  AdmitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  AdmitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  admitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  admitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  admitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  admitTaskGroup(argument: _baton_v1_AdmitTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_AdmitTaskGroupResponse__Output>): grpc.ClientUnaryCall;
  
  Enqueue(argument: _baton_v1_EnqueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  Enqueue(argument: _baton_v1_EnqueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  Enqueue(argument: _baton_v1_EnqueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  Enqueue(argument: _baton_v1_EnqueueRequest, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  enqueue(argument: _baton_v1_EnqueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  enqueue(argument: _baton_v1_EnqueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  enqueue(argument: _baton_v1_EnqueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  enqueue(argument: _baton_v1_EnqueueRequest, callback: grpc.requestCallback<_baton_v1_EnqueueResponse__Output>): grpc.ClientUnaryCall;
  
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  GetSerialState(argument: _baton_v1_GetSerialStateRequest, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  getSerialState(argument: _baton_v1_GetSerialStateRequest, callback: grpc.requestCallback<_baton_v1_SerialState__Output>): grpc.ClientUnaryCall;
  
  GetTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  GetTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  getTaskGroupState(argument: _baton_v1_GetTaskGroupRequest, callback: grpc.requestCallback<_baton_v1_TaskGroup__Output>): grpc.ClientUnaryCall;
  
  Release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  ReleaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  ReleaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  ReleaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  ReleaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  releaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  releaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  releaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  releaseTaskGroupSlot(argument: _baton_v1_TaskGroupSlotRequest, callback: grpc.requestCallback<_baton_v1_ReleaseTaskGroupSlotResponse__Output>): grpc.ClientUnaryCall;
  
  Remove(argument: _baton_v1_RemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _baton_v1_RemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _baton_v1_RemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _baton_v1_RemoveRequest, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _baton_v1_RemoveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _baton_v1_RemoveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _baton_v1_RemoveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _baton_v1_RemoveRequest, callback: grpc.requestCallback<_baton_v1_RemoveResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateHolder(argument: _baton_v1_UpdateHolderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  UpdateHolder(argument: _baton_v1_UpdateHolderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  UpdateHolder(argument: _baton_v1_UpdateHolderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  UpdateHolder(argument: _baton_v1_UpdateHolderRequest, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  updateHolder(argument: _baton_v1_UpdateHolderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  updateHolder(argument: _baton_v1_UpdateHolderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  updateHolder(argument: _baton_v1_UpdateHolderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  updateHolder(argument: _baton_v1_UpdateHolderRequest, callback: grpc.requestCallback<_baton_v1_UpdateHolderResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CoordinatorHandlers extends grpc.UntypedServiceImplementation {
  AcquireTaskGroupSlot: grpc.handleUnaryCall<_baton_v1_TaskGroupSlotRequest__Output, _baton_v1_AcquireTaskGroupSlotResponse>;
  
  AdmitTaskGroup: grpc.handleUnaryCall<_baton_v1_AdmitTaskGroupRequest__Output, _baton_v1_AdmitTaskGroupResponse>;
  
  Enqueue: grpc.handleUnaryCall<_baton_v1_EnqueueRequest__Output, _baton_v1_EnqueueResponse>;
  
  GetSerialState: grpc.handleUnaryCall<_baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState>;
  
  GetTaskGroupState: grpc.handleUnaryCall<_baton_v1_GetTaskGroupRequest__Output, _baton_v1_TaskGroup>;
  
  Release: grpc.handleUnaryCall<_baton_v1_ReleaseRequest__Output, _baton_v1_ReleaseResponse>;
  
  ReleaseTaskGroupSlot: grpc.handleUnaryCall<_baton_v1_TaskGroupSlotRequest__Output, _baton_v1_ReleaseTaskGroupSlotResponse>;
  
  Remove: grpc.handleUnaryCall<_baton_v1_RemoveRequest__Output, _baton_v1_RemoveResponse>;
  
  UpdateHolder: grpc.handleUnaryCall<_baton_v1_UpdateHolderRequest__Output, _baton_v1_UpdateHolderResponse>;
  
}

export interface CoordinatorDefinition extends grpc.ServiceDefinition {
  AcquireTaskGroupSlot: MethodDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_AcquireTaskGroupSlotResponse, _baton_v1_TaskGroupSlotRequest__Output, _baton_v1_AcquireTaskGroupSlotResponse__Output>
  AdmitTaskGroup: MethodDefinition<_baton_v1_AdmitTaskGroupRequest, _baton_v1_AdmitTaskGroupResponse, _baton_v1_AdmitTaskGroupRequest__Output, _baton_v1_AdmitTaskGroupResponse__Output>
  Enqueue: MethodDefinition<_baton_v1_EnqueueRequest, _baton_v1_EnqueueResponse, _baton_v1_EnqueueRequest__Output, _baton_v1_EnqueueResponse__Output>
  GetSerialState: MethodDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_SerialState, _baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState__Output>
  GetTaskGroupState: MethodDefinition<_baton_v1_GetTaskGroupRequest, _baton_v1_TaskGroup, _baton_v1_GetTaskGroupRequest__Output, _baton_v1_TaskGroup__Output>
  Release: MethodDefinition<_baton_v1_ReleaseRequest, _baton_v1_ReleaseResponse, _baton_v1_ReleaseRequest__Output, _baton_v1_ReleaseResponse__Output>
  ReleaseTaskGroupSlot: MethodDefinition<_baton_v1_TaskGroupSlotRequest, _baton_v1_ReleaseTaskGroupSlotResponse, _baton_v1_TaskGroupSlotRequest__Output, _baton_v1_ReleaseTaskGroupSlotResponse__Output>
  Remove: MethodDefinition<_baton_v1_RemoveRequest, _baton_v1_RemoveResponse, _baton_v1_RemoveRequest__Output, _baton_v1_RemoveResponse__Output>
  UpdateHolder: MethodDefinition<_baton_v1_UpdateHolderRequest, _baton_v1_UpdateHolderResponse, _baton_v1_UpdateHolderRequest__Output, _baton_v1_UpdateHolderResponse__Output>
}
