// Original file: proto/baton/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { KillTaskRequest as _baton_v1_KillTaskRequest, KillTaskRequest__Output as _baton_v1_KillTaskRequest__Output } from '../../baton/v1/KillTaskRequest.js';
import type { KillTaskResponse as _baton_v1_KillTaskResponse, KillTaskResponse__Output as _baton_v1_KillTaskResponse__Output } from '../../baton/v1/KillTaskResponse.js';
import type { ReadLogRequest as _baton_v1_ReadLogRequest, ReadLogRequest__Output as _baton_v1_ReadLogRequest__Output } from '../../baton/v1/ReadLogRequest.js';
import type { ReadLogResponse as _baton_v1_ReadLogResponse, ReadLogResponse__Output as _baton_v1_ReadLogResponse__Output } from '../../baton/v1/ReadLogResponse.js';
import type { RunTaskRequest as _baton_v1_RunTaskRequest, RunTaskRequest__Output as _baton_v1_RunTaskRequest__Output } from '../../baton/v1/RunTaskRequest.js';
import type { RunTaskResponse as _baton_v1_RunTaskResponse, RunTaskResponse__Output as _baton_v1_RunTaskResponse__Output } from '../../baton/v1/RunTaskResponse.js';

export interface WorkerClient extends grpc.Client {
  KillTask(argument: _baton_v1_KillTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  KillTask(argument: _baton_v1_KillTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  KillTask(argument: _baton_v1_KillTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  KillTask(argument: _baton_v1_KillTaskRequest, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  killTask(argument: _baton_v1_KillTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  killTask(argument: _baton_v1_KillTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  killTask(argument: _baton_v1_KillTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  killTask(argument: _baton_v1_KillTaskRequest, callback: grpc.requestCallback<_baton_v1_KillTaskResponse__Output>): grpc.ClientUnaryCall;
  
  ReadLog(argument: _baton_v1_ReadLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  ReadLog(argument: _baton_v1_ReadLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  ReadLog(argument: _baton_v1_ReadLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  ReadLog(argument: _baton_v1_ReadLogRequest, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  readLog(argument: _baton_v1_ReadLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  readLog(argument: _baton_v1_ReadLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  readLog(argument: _baton_v1_ReadLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  readLog(argument: _baton_v1_ReadLogRequest, callback: grpc.requestCallback<_baton_v1_ReadLogResponse__Output>): grpc.ClientUnaryCall;
  
  RunTask(argument: _baton_v1_RunTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _baton_v1_RunTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _baton_v1_RunTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _baton_v1_RunTaskRequest, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _baton_v1_RunTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _baton_v1_RunTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _baton_v1_RunTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _baton_v1_RunTaskRequest, callback: grpc.requestCallback<_baton_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface WorkerHandlers extends grpc.UntypedServiceImplementation {
  KillTask: grpc.handleUnaryCall<_baton_v1_KillTaskRequest__Output, _baton_v1_KillTaskResponse>;
  
  ReadLog: grpc.handleUnaryCall<_baton_v1_ReadLogRequest__Output, _baton_v1_ReadLogResponse>;
  
  RunTask: grpc.handleUnaryCall<_baton_v1_RunTaskRequest__Output, _baton_v1_RunTaskResponse>;
  
}

export interface WorkerDefinition extends grpc.ServiceDefinition {
  KillTask: MethodDefinition<_baton_v1_KillTaskRequest, _baton_v1_KillTaskResponse, _baton_v1_KillTaskRequest__Output, _baton_v1_KillTaskResponse__Output>
  ReadLog: MethodDefinition<_baton_v1_ReadLogRequest, _baton_v1_ReadLogResponse, _baton_v1_ReadLogRequest__Output, _baton_v1_ReadLogResponse__Output>
  RunTask: MethodDefinition<_baton_v1_RunTaskRequest, _baton_v1_RunTaskResponse, _baton_v1_RunTaskRequest__Output, _baton_v1_RunTaskResponse__Output>
}
