/**
 * compose's MySQL service stood in for by the run's MariaDB: the database and account its
 * environment tells the mysql image to create, made here instead.
 */
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import type { ComposeService } from './compose-file.js';
import './provided-context.js';

/**
 * Creates the database and user compose's MySQL service is told to create (MYSQL_DATABASE,
 * MYSQL_USER, and the password in MYSQL_PASSWORD_FILE, which init wrote) on the run's MariaDB;
 * returns what drops them again. The run's own account is not `baton` (test/global-setup.ts).
 */
export async function createComposeDatabase(
  service: ComposeService,
  env: Record<string, string>,
): Promise<() => Promise<void>> {
  const { MYSQL_DATABASE: db, MYSQL_USER: user, MYSQL_PASSWORD_FILE: passwordFile } = env;
  if (db === undefined || user === undefined || passwordFile === undefined) {
    throw new Error(`${service.name} sets no MYSQL_DATABASE, MYSQL_USER and MYSQL_PASSWORD_FILE`);
  }
  // As the mysql image reads it: the file's content, trailing newlines dropped.
  const password = readFileSync(passwordFile, 'utf8').replace(/\n+$/, '');
  const connection = await mysql.createConnection(inject('mysqlUrl'));
  try {
    await connection.query(`CREATE DATABASE \`${db}\``);
    await connection.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
    await connection.query(`GRANT ALL PRIVILEGES ON \`${db}\`.* TO ?@'%'`, [user]);
  } finally {
    await connection.end();
  }
  return async () => {
    const again = await mysql.createConnection(inject('mysqlUrl'));
    try {
      await again.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await again.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    } finally {
      await again.end();
    }
  };
}
