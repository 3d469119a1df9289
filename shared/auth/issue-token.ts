import { connectDb } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { ApiRole } from './api-roles.js';
import { TokenStore } from './token-store.js';

/**
 * Creates a token straight in MySQL, for bootstrapping: the first admin token cannot come from
 * the api, which would want a token for it. Whoever can reach the database is trusted already.
 */
export async function issueToken(
  mysqlUrl: string,
  name: string,
  role: ApiRole,
  createdBy: string,
): Promise<string> {
  const db = connectDb(mysqlUrl, { poolSize: 1 });
  try {
    await migrateToLatest(db);
    return (await new TokenStore(db).create(name, role, createdBy)).secret;
  } finally {
    await db.destroy();
  }
}
