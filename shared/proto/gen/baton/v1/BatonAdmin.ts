// Original file: proto/baton/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApiToken as _baton_v1_ApiToken, ApiToken__Output as _baton_v1_ApiToken__Output } from '../../baton/v1/ApiToken.js';
import type { CreateTokenRequest as _baton_v1_CreateTokenRequest, CreateTokenRequest__Output as _baton_v1_CreateTokenRequest__Output } from '../../baton/v1/CreateTokenRequest.js';
import type { CreatedToken as _baton_v1_CreatedToken, CreatedToken__Output as _baton_v1_CreatedToken__Output } from '../../baton/v1/CreatedToken.js';
import type { ListTokensRequest as _baton_v1_ListTokensRequest, ListTokensRequest__Output as _baton_v1_ListTokensRequest__Output } from '../../baton/v1/ListTokensRequest.js';
import type { ListTokensResponse as _baton_v1_ListTokensResponse, ListTokensResponse__Output as _baton_v1_ListTokensResponse__Output } from '../../baton/v1/ListTokensResponse.js';
import type { RevokeTokenRequest as _baton_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _baton_v1_RevokeTokenRequest__Output } from '../../baton/v1/RevokeTokenRequest.js';

export interface BatonAdminClient extends grpc.Client {
  CreateToken(argument: _baton_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _baton_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _baton_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _baton_v1_CreateTokenRequest, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _baton_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _baton_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _baton_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _baton_v1_CreateTokenRequest, callback: grpc.requestCallback<_baton_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _baton_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _baton_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _baton_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _baton_v1_ListTokensRequest, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _baton_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _baton_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _baton_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _baton_v1_ListTokensRequest, callback: grpc.requestCallback<_baton_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _baton_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _baton_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _baton_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _baton_v1_RevokeTokenRequest, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _baton_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _baton_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _baton_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _baton_v1_RevokeTokenRequest, callback: grpc.requestCallback<_baton_v1_ApiToken__Output>): grpc.ClientUnaryCall;
  
}

export interface BatonAdminHandlers extends grpc.UntypedServiceImplementation {
  CreateToken: grpc.handleUnaryCall<_baton_v1_CreateTokenRequest__Output, _baton_v1_CreatedToken>;
  
  ListTokens: grpc.handleUnaryCall<_baton_v1_ListTokensRequest__Output, _baton_v1_ListTokensResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_baton_v1_RevokeTokenRequest__Output, _baton_v1_ApiToken>;
  
}

export interface BatonAdminDefinition extends grpc.ServiceDefinition {
  CreateToken: MethodDefinition<_baton_v1_CreateTokenRequest, _baton_v1_CreatedToken, _baton_v1_CreateTokenRequest__Output, _baton_v1_CreatedToken__Output>
  ListTokens: MethodDefinition<_baton_v1_ListTokensRequest, _baton_v1_ListTokensResponse, _baton_v1_ListTokensRequest__Output, _baton_v1_ListTokensResponse__Output>
  RevokeToken: MethodDefinition<_baton_v1_RevokeTokenRequest, _baton_v1_ApiToken, _baton_v1_RevokeTokenRequest__Output, _baton_v1_ApiToken__Output>
}
