import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApiToken as _baton_v1_ApiToken, ApiToken__Output as _baton_v1_ApiToken__Output } from './baton/v1/ApiToken.js';
import type { BatonAdminClient as _baton_v1_BatonAdminClient, BatonAdminDefinition as _baton_v1_BatonAdminDefinition } from './baton/v1/BatonAdmin.js';
import type { CreateTokenRequest as _baton_v1_CreateTokenRequest, CreateTokenRequest__Output as _baton_v1_CreateTokenRequest__Output } from './baton/v1/CreateTokenRequest.js';
import type { CreatedToken as _baton_v1_CreatedToken, CreatedToken__Output as _baton_v1_CreatedToken__Output } from './baton/v1/CreatedToken.js';
import type { ListTokensRequest as _baton_v1_ListTokensRequest, ListTokensRequest__Output as _baton_v1_ListTokensRequest__Output } from './baton/v1/ListTokensRequest.js';
import type { ListTokensResponse as _baton_v1_ListTokensResponse, ListTokensResponse__Output as _baton_v1_ListTokensResponse__Output } from './baton/v1/ListTokensResponse.js';
import type { RevokeTokenRequest as _baton_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _baton_v1_RevokeTokenRequest__Output } from './baton/v1/RevokeTokenRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  baton: {
    v1: {
      ApiToken: MessageTypeDefinition<_baton_v1_ApiToken, _baton_v1_ApiToken__Output>
      BatonAdmin: SubtypeConstructor<typeof grpc.Client, _baton_v1_BatonAdminClient> & { service: _baton_v1_BatonAdminDefinition }
      CreateTokenRequest: MessageTypeDefinition<_baton_v1_CreateTokenRequest, _baton_v1_CreateTokenRequest__Output>
      CreatedToken: MessageTypeDefinition<_baton_v1_CreatedToken, _baton_v1_CreatedToken__Output>
      ListTokensRequest: MessageTypeDefinition<_baton_v1_ListTokensRequest, _baton_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_baton_v1_ListTokensResponse, _baton_v1_ListTokensResponse__Output>
      RevokeTokenRequest: MessageTypeDefinition<_baton_v1_RevokeTokenRequest, _baton_v1_RevokeTokenRequest__Output>
    }
  }
}

