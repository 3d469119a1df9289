/**
 * A SHELL task's declared OUT params travel from the task to its master: a real worker service
 * (handlers, sandbox, task process, result outbox) on an in-process gRPC server runs a real shell
 * command, and a stand-in master records what the worker reports. When the worker runs as root,
 * as in CI, the task runs as `nobody`: its $BATON_OUTPUT must be writable by that user.
 */
import * as grpc from '@grpc/grpc-js';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedPreconditionError } from '../../shared/errors.js';
import { connectEtcd } from '../../shared/etcd/connect.js';
import { EtcdKeys } from '../../shared/etcd/keys.js';
import { ChannelPool, makeServiceClient } from '../../shared/grpc/client.js';
import { bindService, startGrpcServer, type RunningServer } from '../../shared/grpc/server.js';
import type { RunTaskRequest } from '../../shared/proto/gen/baton/v1/RunTaskRequest.js';
import type { TaskReport__Output } from '../../shared/proto/gen/baton/v1/TaskReport.js';
import { batonProto } from '../../shared/proto/load.js';
import { etcdEndpoint, uniqueEtcdPrefix } from '../../test/support/test-env.js';
import { workerEnvSchema } from './env.js';
import { workerHandlers } from './handlers.js';
import { logPathFor } from './log-reader.js';
import { ResultOutbox } from './result-outbox.js';
import { TaskRegistry } from './task-entry.js';
import { prepareTaskSandbox, type TaskSandbox } from './task-sandbox.js';

const isRoot = process.geteuid?.() === 0;
const EPOCH = 7n;
const INCARNATION = '2026-05-01T00:00:00.000Z';

/** Prints settings on stdout (one undeclared), then writes the file; `exit` ends it. */
const TASK = [
  `echo 'start \${setValue(rows=1)}'`,
  `echo '\${setValue(rows=42)} \${setValue(file=/from/stdout)} \${setValue(both=stdout)}'`,
  `echo '\${setValue(extra=9)}' >&2`,
  // The file lies in the working directory, whatever a param of the same name says.
  `[ "$(dirname "$BATON_OUTPUT")" = "$PWD" ] || exit 3`,
  `printf '# set by the task\\nboth=from-file\\r\\n\\n only_file = a=b\\n' >> "$BATON_OUTPUT"`,
].join('\n');

describe('a worker reports the declared outputs of a task', () => {
  const log = pino({ level: 'silent' });
  const etcd = connectEtcd([etcdEndpoint()]);
  const channels = new ChannelPool(grpc.credentials.createInsecure());
  const reports: TaskReport__Output[] = [];
  let dataDir: string;
  let sandbox: TaskSandbox | undefined;
  let master: RunningServer | undefined;
  let worker: RunningServer | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'baton-run-task-outputs-'));
    const refuse = () => Promise.reject(new FailedPreconditionError('not used in this test'));
    master = await startGrpcServer('127.0.0.1:0', [
      bindService(
        batonProto().Master.service,
        {
          ReportTask: (report) => {
            reports.push(report);
            return Promise.resolve({});
          },
          SubmitInstance: refuse,
          StopInstance: refuse,
          PauseInstance: refuse,
          ResumeInstance: refuse,
          ForceTaskSuccess: refuse,
          NotifyChildEnded: refuse,
          NotifySerialDecision: refuse,
          NotifyTaskGroupAdmitted: refuse,
        },
        log,
      ),
    ]);
    const env = workerEnvSchema.parse({
      ETCD_ENDPOINTS: etcdEndpoint(),
      MYSQL_URL: 'mysql://unused@127.0.0.1:1/unused',
      WORKER_DATA_DIR: dataDir,
      TASK_ENV_ALLOWLIST: 'PATH',
      ...(isRoot ? { TASK_USER: 'nobody' } : {}),
    });
    sandbox = await prepareTaskSandbox(env, process.geteuid?.() ?? -1);
    const registry = new TaskRegistry();
    const keys = new EtcdKeys(uniqueEtcdPrefix('run-task-outputs'));
    const outbox = new ResultOutbox({ name: 'worker-t', log, channels, etcd, keys }, registry);
    const handlers = workerHandlers({
      env,
      sandbox,
      registry,
      outbox,
      isDraining: () => false,
      incarnation: () => INCARNATION,
      ownerEpoch: () => Promise.resolve(EPOCH),
    });
    worker = await startGrpcServer('127.0.0.1:0', [
      bindService(batonProto().Worker.service, handlers, log),
    ]);
  });
  afterAll(async () => {
    await worker?.shutdown(1_000);
    await master?.shutdown(1_000);
    channels.close();
    etcd.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (sandbox?.unreachableWorkRoot !== undefined) {
      rmSync(sandbox.workRoot, { recursive: true, force: true });
    }
  });

  /** Dispatches `command` as the owner would and returns the worker's report of it. */
  async function run(id: string, command: string, outputs: string[]) {
    const request: RunTaskRequest = {
      task_instance_id: id,
      instance_id: '500',
      epoch: EPOCH.toString(),
      owner: 'master-t',
      owner_address: master!.address,
      task_name: 't',
      attempt: 1,
      command,
      params: { BATON_OUTPUT: '/nowhere/output' },
      timeout_ms: '0',
      workflow: 'wf',
      worker_started_at: INCARNATION,
      outputs,
    };
    const client = makeServiceClient(batonProto().Worker.service, channels.get(worker!.address));
    await client.RunTask(request);
    await expect.poll(() => reports.some((r) => r.task_instance_id === id)).toBe(true);
    const report = reports.find((r) => r.task_instance_id === id)!;
    return { report, log: readFileSync(logPathFor(dataDir, id), 'utf8') };
  }

  it('sends the outputs of a success: last setting wins, the file over stdout', async () => {
    const { report, log: taskLog } = await run('700001', TASK, [
      'rows',
      'file',
      'both',
      'only_file',
      'never_set',
    ]);
    expect(report.state).toBe('SUCCESS');
    expect(report.outputs).toEqual({
      rows: '42',
      file: '/from/stdout',
      both: 'from-file',
      only_file: 'a=b',
    });
    expect(taskLog).toContain('start ${setValue(rows=1)}\n');
    expect(taskLog.endsWith('baton: output "extra" is not declared in outputs; ignored\n')).toBe(
      true,
    );
  });

  it('sends no outputs for a failure', async () => {
    const { report, log: taskLog } = await run('700002', `${TASK}\nexit 1`, ['rows', 'both']);
    expect(report.state).toBe('FAILURE');
    expect(report.outputs).toEqual({});
    expect(taskLog).not.toContain('baton: output');
  });
});
