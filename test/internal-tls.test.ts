/**
 * Internal traffic under mutual TLS (the local cluster's default): masters, workers and
 * coordinators take calls from cluster members only, each method from the roles that really
 * call it, while the api serves its clients over TLS without a client certificate.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import type { HealthDefinition } from 'grpc-health-check/build/src/generated/grpc/health/v1/Health.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionDeniedError, UnavailableError } from '../shared/errors.js';
import { ChannelPool, makeServiceClient, type ChannelSecurity } from '../shared/grpc/client.js';
import { ServerStartError } from '../services/cli/cluster/infra/server-process.js';
import { batonProto } from '../shared/proto/load.js';
import { ensureCertificateAuthority } from '../shared/tls/certificate-authority.js';
import { channelSecurity } from '../shared/tls/credentials.js';
import { ensureMemberCertificate } from '../shared/tls/member-certificate.js';
import { readTlsMaterial } from '../shared/tls/tls-settings.js';
import { startTestCluster, waitForEnd, type TestCluster } from './support/test-cluster.js';

describe('internal traffic under mutual TLS', () => {
  let t: TestCluster;
  const pools: ChannelPool[] = [];
  const pool = (credentials: grpc.ChannelCredentials | ChannelSecurity): ChannelPool => {
    const p = new ChannelPool(credentials);
    pools.push(p);
    return p;
  };
  /** Each direct RunTask gets its own marker file: it exists only if the task ever ran. */
  const markers: string[] = [];
  let dispatched = 0;

  beforeAll(async () => {
    t = await startTestCluster('internal-tls', {
      layout: { masters: 1, workers: 1, coordinators: 1 },
    });
  });
  afterAll(async () => {
    for (const p of pools) p.close();
    await t?.dispose();
  });

  const address = (role: 'master' | 'worker' | 'coordinator'): string =>
    t.cluster.ofRole(role)[0]!.address;

  /** Worker.RunTask straight at the worker, as only its owning master may send it. */
  function runTaskOn(channels: ChannelPool): Promise<unknown> {
    dispatched += 1;
    const marker = join(t.dir, `ran-${dispatched}`);
    markers.push(marker);
    const worker = makeServiceClient(batonProto().Worker.service, channels.get(address('worker')));
    return worker
      .RunTask(
        {
          task_instance_id: String(9_000 + dispatched),
          instance_id: '1',
          epoch: '1',
          owner_address: address('master'),
          command: `touch ${marker}`,
        },
        { timeoutMs: 5_000 },
      )
      .then(
        () => 'ran',
        (err: unknown) => err,
      );
  }

  it('an api client (TLS with the CA, no certificate) cannot call a worker, master or coordinator', async () => {
    const asApiClient = pool(t.cluster.apiCredentials());
    // The same credentials do reach the api: what fails below is the missing certificate.
    const apiHealth = makeServiceClient(
      { Check: (healthService as unknown as HealthDefinition).Check },
      asApiClient.get(t.cluster.api.address),
    );
    expect((await apiHealth.Check({ service: '' })).status).toBe('SERVING');
    expect(await runTaskOn(asApiClient)).toBeInstanceOf(UnavailableError);
    const master = makeServiceClient(
      batonProto().Master.service,
      asApiClient.get(address('master')),
    );
    const submitted = await master
      .SubmitInstance({ instance_id: '1' }, { timeoutMs: 5_000 })
      .catch((err: unknown) => err);
    expect(submitted).toBeInstanceOf(UnavailableError);
    const coordinator = makeServiceClient(
      batonProto().Coordinator.service,
      asApiClient.get(address('coordinator')),
    );
    const state = await coordinator
      .GetSerialState({ workflow: 'any' }, { timeoutMs: 5_000 })
      .catch((err: unknown) => err);
    expect(state).toBeInstanceOf(UnavailableError);
  });

  it('a plaintext client cannot call a worker', async () => {
    expect(await runTaskOn(pool(grpc.credentials.createInsecure()))).toBeInstanceOf(
      UnavailableError,
    );
  });

  it('a certificate of another CA, even of role master, is refused in the handshake', async () => {
    const other = join(t.dir, 'other-ca');
    await ensureCertificateAuthority(other);
    const forged = await ensureMemberCertificate(other, { name: 'master-1', role: 'master' });
    // It trusts the cluster's CA (so it accepts the worker), but presents a stranger's cert.
    const tls = readTlsMaterial({ caFile: t.cluster.caFile!, ...forged });
    expect(await runTaskOn(pool(channelSecurity(tls)))).toBeInstanceOf(UnavailableError);
  });

  it('a member certificate of the wrong role gets PERMISSION_DENIED naming method and role', async () => {
    const asApi = pool(await t.cluster.clientCredentials('api'));
    const refused = await runTaskOn(asApi);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as Error).message).toMatch(
      /\/baton\.v1\.Worker\/RunTask may not be called by a member of role api \(test-api\); allowed: master/,
    );
    // A worker may report results, but not decide a master's serial slot.
    const asWorker = pool(await t.cluster.clientCredentials('worker'));
    const master = makeServiceClient(batonProto().Master.service, asWorker.get(address('master')));
    const decided = await master
      .NotifySerialDecision({ instance_id: '1', workflow: 'w', decision: 'RUN' })
      .catch((err: unknown) => err);
    expect(decided).toBeInstanceOf(PermissionDeniedError);
    expect((decided as Error).message).toMatch(/NotifySerialDecision .* role worker/);
    // The operator certificate reaches health checks, never Baton's own methods.
    const asOperator = pool(t.cluster.operatorCredentials());
    const worker = makeServiceClient(
      batonProto().Worker.service,
      asOperator.get(address('worker')),
    );
    const read = await worker
      .ReadLog({ task_instance_id: '1', offset: '0', limit: 10 })
      .catch((err: unknown) => err);
    expect(read).toBeInstanceOf(PermissionDeniedError);
  });

  it('runs a serial workflow with a sub-workflow end to end over mutual TLS; the api reads its log', async () => {
    await t.api.ApplyWorkflow({
      yaml: 'name: tls-child\ntasks:\n  - { name: c, type: SHELL, command: "echo child" }\n',
    });
    await t.api.ApplyWorkflow({
      yaml: [
        'name: tls-parent',
        'executionType: SERIAL_WAIT',
        'tasks:',
        '  - { name: a, type: SHELL, command: "echo over mutual tls" }',
        '  - { name: sub, type: SUB_WORKFLOW, workflow: tls-child, dependsOn: [a] }',
      ].join('\n'),
    });
    const first = await t.api.StartInstance({ workflow: 'tls-parent' });
    const second = await t.api.StartInstance({ workflow: 'tls-parent' });
    expect((await waitForEnd(t.api, first.id)).state).toBe('SUCCESS');
    expect((await waitForEnd(t.api, second.id)).state).toBe('SUCCESS');
    // api → worker ReadLog, with the api's member certificate.
    const log = await t.api.GetTaskLog({ instance_id: first.id, task: 'a', attempt: 0 });
    expect(log.content).toContain('over mutual tls');
    // By now the worker has run real tasks: none of the refused dispatches ever did.
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.filter((m) => existsSync(m))).toEqual([]);
  });

  it('a process without TLS settings refuses to start unless ALLOW_PLAINTEXT says so', async () => {
    const none = { TLS_CA_FILE: '', TLS_CERT_FILE: '', TLS_KEY_FILE: '' };
    const err = await t.cluster.add('worker', 'worker-plain', none).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerStartError);
    expect((err as Error).message).toMatch(/TLS_CA_FILE: .*are required.*ALLOW_PLAINTEXT=true/);
  });

  it('a process with only part of the TLS settings refuses to start, naming what is missing', async () => {
    const started = t.cluster.add('worker', 'worker-partial', { TLS_KEY_FILE: '' });
    const err = await started.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerStartError);
    expect((err as Error).message).toMatch(
      /TLS_KEY_FILE: required when TLS_CA_FILE and TLS_CERT_FILE are set/,
    );
  });
});
