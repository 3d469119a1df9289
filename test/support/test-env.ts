/**
 * What a test uses to reach the run's shared etcd and MariaDB (started by test/global-setup.ts)
 * without seeing other tests' data: its own etcd key prefix and its own database.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import './provided-context.js';

export interface TestDatabase {
  /** The database name: `t_<label>_<random>`, safe to use unquoted. */
  name: string;
  /** `mysql://user:password@127.0.0.1:PORT/<name>` */
  url: string;
  /** Drops the database; idempotent. */
  drop(): Promise<void>;
}

/** `http://127.0.0.1:PORT` of the run's etcd. */
export function etcdEndpoint(): string {
  return inject('etcdEndpoint');
}

/** A key prefix no other test uses, e.g. `/baton-test/serial-queue-3f9a1c0d2b/`. */
export function uniqueEtcdPrefix(label: string): string {
  return `/baton-test/${slug(label, '-')}-${randomSuffix()}/`;
}

/**
 * Creates an empty database (utf8mb4) on the run's MariaDB, named after `label` plus a random
 * suffix. Rejects with the mysql2 error when the server refuses.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = inject('mysqlUrl');
  // 64 characters is MariaDB's identifier limit: "t_" + 40 + "_" + 10 stays under it.
  const name = `t_${slug(label, '_').slice(0, 40)}_${randomSuffix()}`;
  await runOnServer(serverUrl, `CREATE DATABASE \`${name}\``);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop: () => (dropped ??= runOnServer(serverUrl, `DROP DATABASE IF EXISTS \`${name}\``)),
  };
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const connection = await mysql.createConnection(serverUrl);
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function slug(label: string, separator: string): string {
  const cleaned = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
  return cleaned === '' ? 'test' : cleaned;
}

function randomSuffix(): string {
  return randomBytes(5).toString('hex');
}
