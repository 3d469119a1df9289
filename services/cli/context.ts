/**
 * What every command gets: the global options resolved (output mode, BATON_HOME, the api
 * address) and a lazily created api client that is closed when the command ends.
 */
import { resolve } from 'node:path';
import { ChannelPool, makeServiceClient, type ServiceClient } from '../../shared/grpc/client.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import { batonProto } from '../../shared/proto/load.js';
import { CliError, EXIT, apiCallError } from './cli-error.js';
import { clusterFilePath, readClusterFile } from './cluster/cluster-file.js';

export type ApiClient = ServiceClient<BatonApiDefinition>;

/** The options defined on the program itself, valid before or after any subcommand. */
export interface GlobalOptions {
  api?: string;
  home?: string;
  json?: boolean;
}

/** Every api call gets this deadline. */
export const CALL_TIMEOUT_MS = 10_000;

export class CliContext {
  readonly json: boolean;
  /** Absolute BATON_HOME: `--home`, else `$BATON_HOME`, else `./.baton`. */
  readonly home: string;
  private channels: ChannelPool | undefined;
  private client: ApiClient | undefined;
  private address: string | undefined;

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
   * Calls one api method with the standard deadline; connection failures become a CliError
   * naming the address (exit 2), other failures keep their typed BatonError.
   */
  async call<K extends keyof ApiClient>(
    method: K,
    request: Parameters<ApiClient[K]>[0],
  ): Promise<Awaited<ReturnType<ApiClient[K]>>> {
    const address = await this.apiAddress();
    if (this.client === undefined) {
      this.channels = new ChannelPool();
      this.client = makeServiceClient(batonProto().BatonApi.service, this.channels.get(address));
    }
    const fn = this.client[method] as (
      req: typeof request,
      options: { timeoutMs: number },
    ) => ReturnType<ApiClient[K]>;
    try {
      return await fn(request, { timeoutMs: CALL_TIMEOUT_MS });
    } catch (err) {
      throw apiCallError(err, address);
    }
  }

  /** A context like this one that talks to the api at `address`. */
  withApi(address: string): CliContext {
    return new CliContext({ ...this.options, home: this.home, api: address });
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
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
