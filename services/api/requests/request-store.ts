import { sql } from 'kysely';
import type { Db } from '../../../shared/db/connect.js';
import { AlreadyExistsError, ConflictError } from '../../../shared/errors.js';
import type { RequestKey } from './request-key.js';

/** What a request id was used for: the thing its first call created or acted on. */
export type RequestTargetKind = 'instance' | 'backfill';

interface StoredRequest {
  method: string;
  args_sha256: string;
  target_kind: string;
  target: string;
}

/**
 * Records `key` as carried out on `target`. Call it inside the transaction that makes the
 * request's change, so the record and the change commit or roll back together; a concurrent
 * call with the same key then fails on the UNIQUE key (isRequestIdTaken) and answers from the
 * winner's record. No-op without a key.
 */
export async function recordRequest(
  trx: Db,
  key: RequestKey | undefined,
  targetKind: RequestTargetKind,
  target: string,
  at = new Date(),
): Promise<void> {
  if (key === undefined) return;
  await trx
    .insertInto('request_ids')
    .values({
      caller: key.caller,
      request_id: key.requestId,
      method: key.method,
      args_sha256: key.argsSha256,
      target_kind: targetKind,
      target,
      created_at: at,
    })
    .execute();
}

/** Whether `err` is the UNIQUE key of request_ids refusing a second record of one key. */
export function isRequestIdTaken(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (
    code === 'ER_DUP_ENTRY' && typeof message === 'string' && message.includes('uq_request_ids')
  );
}

/**
 * The request ids of one api: finding what a key was used for within the retention, and
 * purging what is older. Rows past the retention count as absent even before the purge.
 */
export class RequestIds {
  constructor(
    private readonly db: Db,
    readonly retentionMs: number,
  ) {}

  /**
   * Runs a request once per key: when `key` was already carried out (within the retention)
   * answers `replay(target)` instead of running it; when another call with the key commits
   * first while this one runs, this one's writes roll back (the UNIQUE key) and it answers as
   * the replay. `run` must record the key with recordRequest in its transaction.
   *
   * @throws AlreadyExistsError naming the target when the key was used with other arguments
   *   (or another method); whatever `run` or `replay` throws.
   */
  async once<T>(
    key: RequestKey | undefined,
    run: () => Promise<T>,
    replay: (target: string) => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return run();
    const earlier = await this.find(key);
    if (earlier !== undefined) return replay(this.sameRequest(key, earlier));
    try {
      return await run();
    } catch (err) {
      if (!isRequestIdTaken(err)) throw err;
      const winner = await this.find(key);
      // Only a purge between the two reads could hide it: ask the caller to try again.
      if (winner === undefined)
        throw new ConflictError(`request_id ${key.requestId} changed meanwhile; retry`);
      return replay(this.sameRequest(key, winner));
    }
  }

  /**
   * The record of `key` if one is within the retention. An older one is deleted here, so the
   * id can be recorded afresh (the periodic purge may not have reached it yet).
   */
  private async find(key: RequestKey): Promise<StoredRequest | undefined> {
    const cutoff = new Date(Date.now() - this.retentionMs);
    const row = await this.db
      .selectFrom('request_ids')
      .select(['method', 'args_sha256', 'target_kind', 'target', 'created_at'])
      .where('caller', '=', key.caller)
      .where('request_id', '=', key.requestId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    if (row.created_at >= cutoff) return row;
    await this.db
      .deleteFrom('request_ids')
      .where('caller', '=', key.caller)
      .where('request_id', '=', key.requestId)
      .where('created_at', '<', cutoff)
      .execute();
    return undefined;
  }

  /** The target when `stored` is the same request as `key`. @throws AlreadyExistsError */
  private sameRequest(key: RequestKey, stored: StoredRequest): string {
    if (stored.method === key.method && stored.args_sha256 === key.argsSha256) return stored.target;
    throw new AlreadyExistsError(
      `request_id ${key.requestId} was already used by ${stored.method} with other arguments ` +
        `(${stored.target_kind} ${stored.target})`,
    );
  }

  /**
   * Deletes records past the retention, oldest first, `batch` rows per statement so no
   * statement holds many locks; stops after `maxBatches`. Returns how many it deleted.
   */
  async purgeExpired(batch = 1_000, maxBatches = 100): Promise<number> {
    const cutoff = new Date(Date.now() - this.retentionMs);
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const result = await sql`
        DELETE FROM request_ids WHERE created_at < ${cutoff} ORDER BY created_at LIMIT ${batch}`.execute(
        this.db,
      );
      const deleted = Number(result.numAffectedRows ?? 0n);
      total += deleted;
      if (deleted < batch) break;
    }
    return total;
  }
}
