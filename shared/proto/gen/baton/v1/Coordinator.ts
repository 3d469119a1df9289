// Original file: proto/baton/v1/coordinator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PingRequest as _baton_v1_PingRequest, PingRequest__Output as _baton_v1_PingRequest__Output } from '../../baton/v1/PingRequest.js';
import type { PingResponse as _baton_v1_PingResponse, PingResponse__Output as _baton_v1_PingResponse__Output } from '../../baton/v1/PingResponse.js';

export interface CoordinatorClient extends grpc.Client {
  Ping(argument: _baton_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _baton_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _baton_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  Ping(argument: _baton_v1_PingRequest, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _baton_v1_PingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _baton_v1_PingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _baton_v1_PingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  ping(argument: _baton_v1_PingRequest, callback: grpc.requestCallback<_baton_v1_PingResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CoordinatorHandlers extends grpc.UntypedServiceImplementation {
  Ping: grpc.handleUnaryCall<_baton_v1_PingRequest__Output, _baton_v1_PingResponse>;
  
}

export interface CoordinatorDefinition extends grpc.ServiceDefinition {
  Ping: MethodDefinition<_baton_v1_PingRequest, _baton_v1_PingResponse, _baton_v1_PingRequest__Output, _baton_v1_PingResponse__Output>
}
