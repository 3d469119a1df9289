/**
 * What every command gets: the global options resolved (output mode, BATON_HOME, the api
 * address, the token) and a lazily created api client that is closed when the command ends.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import {
  ChannelPool,
  makeServiceClient,
  type ChannelSecurity,
  type ServiceClient,
} from '../../shared/grpc/client.js';
import { isRetryable, UnauthenticatedError } from '../../shared/errors.js';
import { withRetry } from '../../shared/retry.js';
import type { BatonAdminDefinition } from '../../shared/proto/gen/baton/v1/BatonAdmin.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import { batonProto } from '../../shared/proto/load.js';
import type { BatonApiStreams } from '../../shared/proto/streaming-methods.js';
import type { InstanceEvent__Output } from '../../shared/proto/gen/baton/v1/InstanceEvent.js';
import { channelSecurity } from '../../shared/tls/credentials.js';
import { CliError, EXIT, apiCallError } from './cli-error.js';
import { clusterFilePath, readClusterFile } from './cluster/cluster-file.js';

export type ApiClient = ServiceClient<BatonApiDefinition, BatonApiStreams>;
export type AdminClient = ServiceClient<BatonAdminDefinition>;

/** The options defined on the program itself, valid before or after any subcommand. */
export interface GlobalOptions {
  api?: string;
  token?: string;
  ca?: string;
  home?: string;
  json?: boolean;
}

/** Every api call gets this deadline. */
export const CALL_TIMEOUT_MS = 10_000;

/** The api methods whose request carries a `request_id` (README "Idempotent requests"). */
export type IdempotentMethod = {
  [K in keyof ApiClient]: 'request_id' extends keyof Parameters<ApiClient[K]>[0] ? K : never;
}[keyof ApiClient];

/** Retries of a mutating call after a failure that may be transient (same request id). */
const MUTATION_RETRIES = 2;

export class CliContext {
  readonly json: boolean;
  /** Absolute BATON_HOME: `--home`, else `$BATON_HOME`, else `./.baton`. */
  readonly home: string;
  private channels: ChannelPool | undefined;
  private client: ApiClient | undefined;
  private admin: AdminClient | undefined;
  private address: string | undefined;
  private token: string | undefined;

  constructor(private readonly options: GlobalOptions) {
    this.json = options.json === true;
    this.home = resolve(options.home ?? nonEmpty(process.env['BATON_HOME']) ?? '.baton');
  }

  /**
   * The api address: `--api`, else `$BATON_API`, else `apiAddress` of `$BATON_HOME/cluster.json`.
   * @throws CliError (exit 2) when none of them gives one
   */
  async apiAddress(): Promise<string> {
    this.address ??=
      nonEmpty(this.options.api) ??
      nonEmpty(process.env['BATON_API']) ??
      (await readClusterFile(this.home))?.apiAddress;
    if (this.address === undefined) {
      throw new CliError(
        `no api address: pass --api HOST:PORT, set BATON_API, or start a cluster with ` +
          `baton cluster up (there is no ${clusterFilePath(this.home)})`,
        EXIT.unreachable,
      );
    }
    return this.address;
  }

  /**
   * The api token: `--token`, else `$BATON_TOKEN`, else `token` of `$BATON_HOME/cluster.json`
   * (the admin token `baton cluster up` created). Undefined: calls go without one and the api
   * answers UNAUTHENTICATED.
   */
  async apiToken(): Promise<string | undefined> {
    this.token ??=
      nonEmpty(this.options.token) ??
      nonEmpty(process.env['BATON_TOKEN']) ??
      (await readClusterFile(this.home))?.token;
    return this.token;
  }

  /**
   * Calls one api method with the standard deadline; connection failures become a CliError
   * naming the address (exit 2), other failures keep their typed BatonError.
   */
  async call<K extends keyof ApiClient>(
    method: K,
    request: Parameters<ApiClient[K]>[0],
  ): Promise<Awaited<ReturnType<ApiClient[K]>>> {
    this.client ??= await this.clientOf<BatonApiDefinition, BatonApiStreams>(
      batonProto().BatonApi.service,
    );
    return this.invoke(this.client, method, request);
  }

  /**
   * `call` for a mutating method that takes a request id: one fresh id per command
   * (crypto.randomUUID), and the same id on this command's retries, which follow a failure that
   * may be transient (UNAVAILABLE, a deadline, the api unreachable): when the first attempt was
   * carried out but its answer lost, the retry is answered with its result instead of doing it
   * twice.
   */
  async callOnce<K extends IdempotentMethod>(
    method: K,
    request: Omit<Parameters<ApiClient[K]>[0], 'request_id'>,
  ): Promise<Awaited<ReturnType<ApiClient[K]>>> {
    const withId = { ...request, request_id: randomUUID() } as Parameters<ApiClient[K]>[0];
    return withRetry(() => this.call(method, withId), {
      retries: MUTATION_RETRIES,
      initialDelayMs: 250,
      maxDelayMs: 2_000,
      retryOn: (err) =>
        isRetryable(err) || (err instanceof CliError && err.exitCode === EXIT.unreachable),
    });
  }

  /**
   * Follows one instance's changes after `afterChange` (WatchInstance) until its terminal
   * change. No deadline (it lasts as long as the instance runs); failures are mapped as `call`
   * maps them (unreachable: a CliError, exit 2).
   */
  async *watchInstance(
    id: string,
    afterChange: string,
    signal?: AbortSignal,
  ): AsyncGenerator<InstanceEvent__Output, void, undefined> {
    this.client ??= await this.clientOf<BatonApiDefinition, BatonApiStreams>(
      batonProto().BatonApi.service,
    );
    const address = await this.apiAddress();
    try {
      yield* this.client.WatchInstance(
        { id, after_change: afterChange },
        signal === undefined ? {} : { signal },
      );
    } catch (err) {
      throw apiCallError(err, address);
    }
  }

  /** `call` for token management (BatonAdmin, served by the same api). */
  async callAdmin<K extends keyof AdminClient>(
    method: K,
    request: Parameters<AdminClient[K]>[0],
  ): Promise<Awaited<ReturnType<AdminClient[K]>>> {
    this.admin ??= await this.clientOf(batonProto().BatonAdmin.service);
    return this.invoke(this.admin, method, request);
  }

  /** A client of `definition` at the api address, calling with the api token. */
  private async clientOf<D extends grpc.ServiceDefinition, S extends string = never>(
    definition: D,
  ): Promise<ServiceClient<D, S>> {
    const channel = await this.channel(await this.apiAddress());
    return makeServiceClient<D, S>(definition, channel, { token: await this.apiToken() });
  }

  private async channel(address: string): Promise<grpc.Client> {
    this.channels ??= new ChannelPool(await this.apiCredentials());
    return this.channels.get(address);
  }

  /**
   * TLS trusting the CA of `--ca`, else `$BATON_CA`, else `caFile` of `$BATON_HOME/cluster.json`
   * (the local cluster's); plaintext when none names one.
   * @throws CliError when the CA file cannot be read
   */
  private async apiCredentials(): Promise<grpc.ChannelCredentials | ChannelSecurity> {
    const caFile =
      nonEmpty(this.options.ca) ??
      nonEmpty(process.env['BATON_CA']) ??
      (await readClusterFile(this.home))?.caFile;
    if (caFile === undefined) return channelSecurity(undefined);
    try {
      return channelSecurity({ ca: await readFile(caFile) });
    } catch (err) {
      throw new CliError(`cannot read the CA certificate ${caFile}: ${(err as Error).message}`);
    }
  }

  private async invoke<C, K extends keyof C>(
    client: C,
    method: K,
    request: unknown,
  ): Promise<Awaited<ReturnType<Extract<C[K], (...args: never[]) => unknown>>>> {
    const address = await this.apiAddress();
    const fn = client[method] as (req: unknown, options: { timeoutMs: number }) => Promise<never>;
    try {
      return await fn(request, { timeoutMs: CALL_TIMEOUT_MS });
    } catch (err) {
      if (err instanceof UnauthenticatedError && this.token === undefined) {
        throw new CliError(
          `the api at ${address} needs a token (${err.message}): pass --token, set BATON_TOKEN, ` +
            `or use the cluster.json of baton cluster up (looked in ${clusterFilePath(this.home)})`,
        );
      }
      throw apiCallError(err, address);
    }
  }

  /** A context like this one that talks to the api at `address` (with `token`, when given). */
  withApi(address: string, token?: string): CliContext {
    return new CliContext({
      ...this.options,
      home: this.home,
      api: address,
      token: token ?? this.options.token,
    });
  }

  /** Prints one JSON document (the only thing a `--json` command writes to stdout). */
  printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Prints a line in text mode; nothing in JSON mode. */
  say(line: string): void {
    if (!this.json) process.stdout.write(`${line}\n`);
  }

  close(): void {
    this.channels?.close();
    this.channels = undefined;
    this.client = undefined;
    this.admin = undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
