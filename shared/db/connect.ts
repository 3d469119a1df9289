import { Kysely, MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbOptions {
  poolSize?: number;
}

/**
 * A Kysely instance over a mysql2 pool. Times are UTC; BIGINTs come back as strings so no id or
 * epoch loses precision.
 */
export function connectDb(url: string, options: DbOptions = {}): Db {
  const pool = createPool({
    uri: url,
    connectionLimit: options.poolSize ?? 10,
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: 'Z',
    dateStrings: false,
    enableKeepAlive: true,
    connectTimeout: 5_000,
  });
  return new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
}
