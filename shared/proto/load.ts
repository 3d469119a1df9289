import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import loaderOptions from './loader-options.json' with { type: 'json' };
import type { ProtoGrpcType as AdminProto } from './gen/admin.js';
import type { ProtoGrpcType as ApiProto } from './gen/api.js';
import type { ProtoGrpcType as CoordinatorProto } from './gen/coordinator.js';
import type { ProtoGrpcType as MasterProto } from './gen/master.js';
import type { ProtoGrpcType as WorkerProto } from './gen/worker.js';

/**
 * The same options drive `proto-loader-gen-types` (proto/generate.mjs) and the runtime loader.
 * The JSON spells types by name ("String"); the runtime loader wants the constructors.
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: loaderOptions.keepCase,
  longs: loaderOptions.longs === 'String' ? String : Number,
  enums: loaderOptions.enums === 'String' ? String : undefined,
  defaults: loaderOptions.defaults,
  oneofs: loaderOptions.oneofs,
};

// Compiled files live in dist/shared/proto, sources in shared/proto: find proto/ from either.
function protoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${join('dist', 'shared')}`) ? '../../..' : '../..';
  return join(here, up, 'proto');
}

type BatonProto = ApiProto & AdminProto & MasterProto & WorkerProto & CoordinatorProto;

let definition: protoLoader.PackageDefinition | undefined;
let cached: BatonProto['baton']['v1'] | undefined;

/** Every Baton proto, loaded once per process (also what server reflection describes). */
export function batonPackageDefinition(): protoLoader.PackageDefinition {
  if (definition === undefined) {
    const files = ['api', 'admin', 'master', 'worker', 'coordinator'].map(
      (f) => `baton/v1/${f}.proto`,
    );
    definition = protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [protoRoot()] });
  }
  return definition;
}

let described: protoLoader.PackageDefinition | undefined;

/** What server reflection describes: Baton's protos and the standard health service. */
export function reflectedPackageDefinition(): protoLoader.PackageDefinition {
  described ??= {
    ...batonPackageDefinition(),
    ...protoLoader.loadSync(healthProtoPath, { ...LOADER_OPTIONS }),
  };
  return described;
}

/** The Baton services and messages as gRPC constructors. */
export function batonProto(): BatonProto['baton']['v1'] {
  cached ??= (grpc.loadPackageDefinition(batonPackageDefinition()) as unknown as BatonProto).baton
    .v1;
  return cached;
}
