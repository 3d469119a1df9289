// Original file: proto/baton/v1/coordinator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EnqueueRequest as _baton_v1_EnqueueRequest, EnqueueRequest__Output as _baton_v1_EnqueueRequest__Output } from '../../baton/v1/EnqueueRequest.js';
import type { EnqueueResponse as _baton_v1_EnqueueResponse, EnqueueResponse__Output as _baton_v1_EnqueueResponse__Output } from '../../baton/v1/EnqueueResponse.js';
import type { GetSerialStateRequest as _baton_v1_GetSerialStateRequest, GetSerialStateRequest__Output as _baton_v1_GetSerialStateRequest__Output } from '../../baton/v1/GetSerialStateRequest.js';
import type { ReleaseRequest as _baton_v1_ReleaseRequest, ReleaseRequest__Output as _baton_v1_ReleaseRequest__Output } from '../../baton/v1/ReleaseRequest.js';
import type { ReleaseResponse as _baton_v1_ReleaseResponse, ReleaseResponse__Output as _baton_v1_ReleaseResponse__Output } from '../../baton/v1/ReleaseResponse.js';
import type { RemoveRequest as _baton_v1_RemoveRequest, RemoveRequest__Output as _baton_v1_RemoveRequest__Output } from '../../baton/v1/RemoveRequest.js';
import type { RemoveResponse as _baton_v1_RemoveResponse, RemoveResponse__Output as _baton_v1_RemoveResponse__Output } from '../../baton/v1/RemoveResponse.js';
import type { SerialState as _baton_v1_SerialState, SerialState__Output as _baton_v1_SerialState__Output } from '../../baton/v1/SerialState.js';
import type { UpdateHolderRequest as _baton_v1_UpdateHolderRequest, UpdateHolderRequest__Output as _baton_v1_UpdateHolderRequest__Output } from '../../baton/v1/UpdateHolderRequest.js';
import type { UpdateHolderResponse as _baton_v1_UpdateHolderResponse, UpdateHolderResponse__Output as _baton_v1_UpdateHolderResponse__Output } from '../../baton/v1/UpdateHolderResponse.js';

export interface CoordinatorClient extends grpc.Client {
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
  
  Release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _baton_v1_ReleaseRequest, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _baton_v1_ReleaseRequest, callback: grpc.requestCallback<_baton_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  
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
  Enqueue: grpc.handleUnaryCall<_baton_v1_EnqueueRequest__Output, _baton_v1_EnqueueResponse>;
  
  GetSerialState: grpc.handleUnaryCall<_baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState>;
  
  Release: grpc.handleUnaryCall<_baton_v1_ReleaseRequest__Output, _baton_v1_ReleaseResponse>;
  
  Remove: grpc.handleUnaryCall<_baton_v1_RemoveRequest__Output, _baton_v1_RemoveResponse>;
  
  UpdateHolder: grpc.handleUnaryCall<_baton_v1_UpdateHolderRequest__Output, _baton_v1_UpdateHolderResponse>;
  
}

export interface CoordinatorDefinition extends grpc.ServiceDefinition {
  Enqueue: MethodDefinition<_baton_v1_EnqueueRequest, _baton_v1_EnqueueResponse, _baton_v1_EnqueueRequest__Output, _baton_v1_EnqueueResponse__Output>
  GetSerialState: MethodDefinition<_baton_v1_GetSerialStateRequest, _baton_v1_SerialState, _baton_v1_GetSerialStateRequest__Output, _baton_v1_SerialState__Output>
  Release: MethodDefinition<_baton_v1_ReleaseRequest, _baton_v1_ReleaseResponse, _baton_v1_ReleaseRequest__Output, _baton_v1_ReleaseResponse__Output>
  Remove: MethodDefinition<_baton_v1_RemoveRequest, _baton_v1_RemoveResponse, _baton_v1_RemoveRequest__Output, _baton_v1_RemoveResponse__Output>
  UpdateHolder: MethodDefinition<_baton_v1_UpdateHolderRequest, _baton_v1_UpdateHolderResponse, _baton_v1_UpdateHolderRequest__Output, _baton_v1_UpdateHolderResponse__Output>
}
