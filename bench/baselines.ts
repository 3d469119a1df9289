import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
import { connectEtcd } from '../shared/etcd/connect.js';
import type { BenchInfra } from './support/bench-infra.js';
import { quantile } from './support/stats.js';

export interface BaselineRound {
  etcd_txn_p50_ms: number;
  etcd_txn_per_s: number;
  mysql_commit_p50_ms: number;
  mysql_commit_per_s: number;
  spawn_per_s: number;
}

const SAMPLES = 500;
const CONCURRENCY = 16;

/**
 * What the machine allows, measured beside every Baton figure: one revision-checked etcd
 * transaction and one MySQL commit (latency one at a time, throughput 16 at a time), and the
 * raw rate of `sh -c true` spawns.
 */
export async function measureBaselines(infra: BenchInfra): Promise<BaselineRound> {
  const etcd = connectEtcd([infra.etcd.endpoint]);
  const url = await infra.database('baseline');
  const pool = mysql.createPool({ uri: url, connectionLimit: CONCURRENCY });
  await pool.query('CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)');
  let n = 0;
  const etcdTxn = async (): Promise<void> => {
    const key = `/bench/baseline/${(n += 1)}`;
    await etcd.if(key, 'Create', '==', 0).then(etcd.put(key).value('v')).commit();
  };
  const mysqlCommit = async (): Promise<void> => {
    await pool.query('INSERT INTO t (v) VALUES (1)');
  };
  try {
    return {
      etcd_txn_p50_ms: quantile(await latencies(etcdTxn), 0.5),
      etcd_txn_per_s: await rate(etcdTxn),
      mysql_commit_p50_ms: quantile(await latencies(mysqlCommit), 0.5),
      mysql_commit_per_s: await rate(mysqlCommit),
      spawn_per_s: await rate(spawnTrue),
    };
  } finally {
    etcd.close();
    await pool.end();
  }
}

async function latencies(op: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    await op();
    times.push(performance.now() - started);
  }
  return times;
}

async function rate(op: () => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SAMPLES * 2) {
        next += 1;
        await op();
      }
    }),
  );
  return (SAMPLES * 2) / ((performance.now() - started) / 1000);
}

function spawnTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'true'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}
