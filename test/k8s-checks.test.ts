/**
 * Each wiring and schema check of test/k8s-manifests.test.ts fails on a render of deploy/k8s
 * broken on purpose, so none of them passes vacuously.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnvSchema } from '../shared/config/common-env.js';
import { shellScript } from './support/k8s-render.js';
import {
  config,
  container,
  IMAGE,
  loadRenders,
  objectsOf,
  podSpec,
  serviceSpec,
} from './support/k8s-fixtures.js';
import { schemaProblems } from './support/k8s-schema.js';
import {
  certificateProblems,
  envProblems,
  gracePeriodProblems,
  imageProblems,
  initJobSecrets,
  probeProblems,
  referenceProblems,
  requiredEnvKeys,
  serviceProblems,
} from './support/k8s-wiring.js';

beforeAll(loadRenders, 300_000);

describe('the checks catch a broken render', () => {
  const bundled = () => objectsOf('bundled');

  it('schema: a wrongly typed field, and a kind without a schema', async () => {
    const objects = bundled();
    Object.assign(container(objects, 'StatefulSet', 'master').ports?.[0] ?? {}, {
      containerPort: 'grpc',
    });
    objects.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    const problems = await schemaProblems(objects);
    expect(problems).toEqual([
      expect.stringMatching(/^StatefulSet\/master: .*containerPort must be integer/),
      'Widget/w: no schema for example.com/v1 Widget',
    ]);
  });

  it('selector: a Service that selects nothing, a port no pod serves', () => {
    const objects = bundled();
    serviceSpec(objects, 'baton-master').selector = {
      'app.kubernetes.io/name': 'baton',
      'app.kubernetes.io/component': 'masters',
    };
    Object.assign(serviceSpec(objects, 'baton-api').ports?.[0] ?? {}, { targetPort: 'http' });
    expect(serviceProblems(objects)).toEqual([
      'Service/baton-api port 50051 targets http, not served',
      'Service/baton-master selects no pods',
    ]);
  });

  it('env: a required variable missing, a value the schema refuses', () => {
    expect(requiredEnvKeys(commonEnvSchema)).toEqual(['ETCD_ENDPOINTS', 'MYSQL_URL']);
    const objects = bundled();
    delete config(objects)['MYSQL_URL'];
    expect(envProblems(objects)).toContain('StatefulSet/master (master) does not set MYSQL_URL');
    const other = bundled();
    config(other)['LISTEN'] = '50051';
    expect(envProblems(other)).toContain('Deployment/api (api): LISTEN: expected host:port');
  });

  it('secret references: unsupplied, renamed, or no longer made by the init Job', () => {
    expect(referenceProblems(objectsOf('external'), [])).toEqual(
      expect.arrayContaining([
        'StatefulSet/master references Secret baton-mysql, which nothing provides',
        'Deployment/worker references Secret baton-etcd-client-tls, which nothing provides',
      ]),
    );
    const objects = bundled();
    const volumes = podSpec(objects, 'StatefulSet', 'master').volumes ?? [];
    Object.assign(volumes.find((v) => v.name === 'tls')?.secret ?? {}, {
      secretName: 'baton-masters-tls',
    });
    const args = container(objects, 'Job', 'baton-init').args ?? [];
    args.splice(args.indexOf('--member', args.findIndex((a) => a.startsWith('worker:')) - 1), 2);
    expect(initJobSecrets(objects)).not.toContain('baton-worker-tls');
    expect(referenceProblems(objects, [])).toEqual([
      'Deployment/worker references Secret baton-worker-tls, which nothing provides',
      'StatefulSet/master references Secret baton-masters-tls, which nothing provides',
    ]);
  });

  it('certificates: a SAN not naming the address, an address not dashed, none, another role', async () => {
    const objects = bundled();
    const args = container(objects, 'Job', 'baton-init').args ?? [];
    const worker = args.findIndex((a) => a.startsWith('worker:'));
    args[worker] = 'worker:worker:*.baton-worker.$(POD_NAMESPACE).svc';
    expect(await certificateProblems(objects)).toEqual([
      expect.stringMatching(
        /^Deployment\/worker \(worker\): certificate worker does not name 10-244-1-17\.baton\.pod /,
      ),
    ]);

    const undashed = bundled();
    const command = container(undashed, 'Deployment', 'worker').command ?? [];
    command[2] =
      shellScript(container(undashed, 'Deployment', 'worker'))?.replace(' | tr . -', '') ?? '';
    expect(await certificateProblems(undashed)).toEqual([
      expect.stringMatching(/certificate worker does not name 10\.244\.1\.17\.baton\.pod /),
    ]);

    const failing = bundled();
    const env = container(failing, 'Deployment', 'worker').env ?? [];
    env.splice(
      env.findIndex((e) => e.name === 'POD_IP'),
      1,
    );
    expect(await certificateProblems(failing)).toEqual([
      'Deployment/worker (worker) advertises no address',
    ]);

    const swapped = bundled();
    const volumes = podSpec(swapped, 'StatefulSet', 'master').volumes ?? [];
    Object.assign(volumes.find((v) => v.name === 'tls')?.secret ?? {}, {
      secretName: 'baton-coordinator-tls',
    });
    expect(await certificateProblems(swapped)).toEqual([
      'StatefulSet/master (master): certificate coordinator is not of role master',
      expect.stringMatching(
        /^StatefulSet\/master \(master\): certificate coordinator does not name master-0\.baton-master\.baton\.svc /,
      ),
    ]);
  });

  it('env: a worker wrapper that advertises no port', () => {
    const objects = bundled();
    const command = container(objects, 'Deployment', 'worker').command ?? [];
    command[2] =
      shellScript(container(objects, 'Deployment', 'worker'))?.replace(':${LISTEN##*:}', '') ?? '';
    expect(envProblems(objects)).toEqual([
      'Deployment/worker (worker): ADVERTISE_ADDRESS: expected host:port',
    ]);
  });

  it('ConfigMap references: a missing ConfigMap', () => {
    const objects = bundled().filter((o) => o.metadata.name !== 'baton-init-scripts');
    expect(referenceProblems(objects, [])).toEqual([
      'Job/baton-init references ConfigMap baton-init-scripts, which nothing provides',
    ]);
  });

  it('probes: a probe on another port, a grpc port that is not LISTEN', () => {
    const objects = bundled();
    container(objects, 'StatefulSet', 'master').readinessProbe = {
      exec: { command: ['baton', 'health', '127.0.0.1:50052'] },
    };
    Object.assign(container(objects, 'Deployment', 'api').ports?.[0] ?? {}, {
      containerPort: 50052,
    });
    expect(probeProblems(objects)).toEqual([
      "Deployment/api (api): containerPort grpc 50052 is not LISTEN's 50051",
      'StatefulSet/master (master): readinessProbe ["baton","health","127.0.0.1:50052"] is not baton health on 50051',
    ]);
  });

  it("image: a container that does not run the repository's image", () => {
    const objects = bundled();
    container(objects, 'StatefulSet', 'coordinator').image = 'baton:old';
    expect(imageProblems(objects, IMAGE)).toEqual([
      `StatefulSet/coordinator: image baton:old is not the repository's ${IMAGE}`,
    ]);
  });

  it('grace: shorter than SHUTDOWN_GRACE_MS (and a worker’s TASK_KILL_GRACE_MS) + 10 s', () => {
    const objects = bundled();
    podSpec(objects, 'Deployment', 'worker').terminationGracePeriodSeconds = 24;
    config(objects)['SHUTDOWN_GRACE_MS'] = '25000';
    expect(gracePeriodProblems(objects)).toEqual([
      'Deployment/api: terminationGracePeriodSeconds 30 < 35',
      'Deployment/worker: terminationGracePeriodSeconds 24 < 40',
      'StatefulSet/coordinator: terminationGracePeriodSeconds 30 < 35',
      'StatefulSet/master: terminationGracePeriodSeconds 30 < 35',
    ]);
  });
});
