/**
 * deploy/k8s renders and is wired right, offline. `kubectl kustomize` (Debian's kubectl,
 * installed when missing) renders every overlay and the bundled one with every optional
 * component; every object must pass the Kubernetes API schemas, and the wiring checks of
 * test/support/k8s-wiring.ts must find nothing. Each check is also shown failing on a render
 * broken on purpose, so none of them passes vacuously.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnvSchema } from '../shared/config/common-env.js';
import { ensureKubectl } from '../services/cli/cluster/infra/debian-packages.js';
import { repoRoot } from '../services/cli/cluster/infra/repo-root.js';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import { readComposeFile } from './support/compose-file.js';
import {
  batonContainers,
  byKind,
  effectiveEnv,
  podTemplates,
  POD_IP,
  renderAll,
  shellScript,
  type K8sObject,
} from './support/k8s-render.js';
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

const ROOT = repoRoot();
const RENDERS = ['external', 'bundled', 'bundled+components'] as const;
/** Secrets the operator supplies, per render, as README ("Deploying on Kubernetes") lists them. */
const SUPPLIED: Record<(typeof RENDERS)[number], string[]> = {
  external: ['baton-mysql', 'baton-etcd-client-tls'],
  bundled: [],
  'bundled+components': [],
};
/** The image compose builds from the repository's Dockerfile. */
const IMAGE = readComposeFile(join(ROOT, 'deploy', 'compose.yaml')).get('api')?.image ?? '';

let rendered: Map<string, K8sObject[]>;
const objectsOf = (name: string): K8sObject[] => structuredClone(rendered.get(name) ?? []);

beforeAll(async () => {
  const kubectl = await ensureKubectl((line) => console.log(`[kubectl install] ${line}`));
  rendered = new Map((await renderAll(kubectl)).map((r) => [r.name, r.objects]));
}, 300_000);

function find<T = K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (object === undefined) throw new Error(`no ${kind}/${name}`);
  return object as unknown as T;
}

const podSpec = (objects: K8sObject[], kind: string, name: string): IPodSpec =>
  find<{ spec: { template: { spec: IPodSpec } } }>(objects, kind, name).spec.template.spec;

function container(objects: K8sObject[], kind: string, name: string): IContainer {
  const first = podSpec(objects, kind, name).containers[0];
  if (first === undefined) throw new Error(`${kind}/${name} has no container`);
  return first;
}

const config = (objects: K8sObject[]): Record<string, string> =>
  find<{ data: Record<string, string> }>(objects, 'ConfigMap', 'baton-config').data;
const serviceSpec = (objects: K8sObject[], name: string): IServiceSpec =>
  find<{ spec: IServiceSpec }>(objects, 'Service', name).spec;
const policySpec = (objects: K8sObject[], name: string): INetworkPolicySpec =>
  find<{ spec: INetworkPolicySpec }>(objects, 'NetworkPolicy', name).spec;

describe.each(RENDERS)('deploy/k8s %s', (name) => {
  it('deploys the api, masters, coordinators, workers and the init Job', () => {
    const objects = objectsOf(name);
    expect(RENDERS.length).toBe(rendered.size);
    const kinds = batonContainers(objects).map((b) => `${b.pod.owner.kind}/${b.role}`);
    expect(new Set(kinds)).toEqual(
      new Set([
        'Deployment/api',
        'StatefulSet/master',
        'StatefulSet/coordinator',
        'Deployment/worker',
      ]),
    );
    expect(byKind(objects, 'Job').map((j) => j.metadata.name)).toEqual(['baton-init']);
    const budgets = byKind(objects, 'PodDisruptionBudget').map((p) => p.metadata.name);
    expect(budgets).toEqual(expect.arrayContaining(['api', 'master', 'coordinator']));
    for (const o of objects.filter((o) => !['Namespace'].includes(o.kind))) {
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('baton');
    }
  });

  it('runs every worker group as a Deployment, the component adding group batch', () => {
    const objects = objectsOf(name);
    const workers = batonContainers(objects).filter((b) => b.role === 'worker');
    const groups = workers.map((b) => [
      `${b.pod.owner.kind}/${b.pod.owner.metadata.name}`,
      effectiveEnv(objects, b)['WORKER_GROUP'],
    ]);
    expect(groups).toEqual([
      ['Deployment/worker', 'default'],
      ...(name === 'bundled+components' ? [['Deployment/worker-batch', 'batch']] : []),
    ]);
    for (const worker of workers) {
      expect(worker.pod.owner.kind).toBe('Deployment');
      expect(worker.pod.labels['baton.dev/worker-group']).toBe(
        effectiveEnv(objects, worker)['WORKER_GROUP'],
      );
    }
  });

  it("advertises each master's, coordinator's and worker's address in its certificate", async () => {
    const objects = objectsOf(name);
    expect(await certificateProblems(objects)).toEqual([]);
    const worker = batonContainers(objects).find((b) => b.role === 'worker');
    if (worker === undefined) throw new Error('no worker');
    expect(effectiveEnv(objects, worker)['ADVERTISE_ADDRESS']).toBe(
      `${POD_IP.replaceAll('.', '-')}.baton.pod:50051`,
    );
  });

  it('passes the Kubernetes API schemas', async () => {
    expect(await schemaProblems(objectsOf(name))).toEqual([]);
  });

  it('has Services that select pods serving their target ports', () => {
    expect(serviceProblems(objectsOf(name))).toEqual([]);
  });

  it("sets every variable each service's zod schema requires, and they parse", () => {
    expect(envProblems(objectsOf(name))).toEqual([]);
  });

  it('references only Secrets and ConfigMaps that exist, are made by the init Job or supplied', () => {
    expect(referenceProblems(objectsOf(name), SUPPLIED[name])).toEqual([]);
  });

  it('probes each Baton process with baton health on the port it serves', () => {
    expect(probeProblems(objectsOf(name))).toEqual([]);
  });

  it("runs the repository's image", () => {
    expect(IMAGE).not.toBe('');
    expect(imageProblems(objectsOf(name), IMAGE)).toEqual([]);
  });

  it('gives every Baton pod a termination grace covering SHUTDOWN_GRACE_MS', () => {
    expect(gracePeriodProblems(objectsOf(name))).toEqual([]);
  });

  it('runs api, masters and coordinators as non-root; workers run tasks as nobody', () => {
    const objects = objectsOf(name);
    for (const baton of batonContainers(objects)) {
      const id = `${baton.pod.owner.metadata.name} (${baton.role})`;
      const env = baton.container.env ?? [];
      const nonRoot = baton.pod.spec.securityContext?.runAsNonRoot === true;
      if (baton.role === 'worker') {
        expect(env.find((e) => e.name === 'TASK_USER')?.value, id).toBe('nobody');
        expect(
          env.some((e) => e.name === 'ALLOW_ROOT_TASKS'),
          id,
        ).toBe(false);
        expect(
          env.some((e) => e.name === 'MYSQL_PASSWORD_FILE'),
          id,
        ).toBe(false);
        const secrets = (baton.pod.spec.volumes ?? []).map((v) => v.secret?.secretName);
        expect(secrets, id).not.toContain('baton-mysql');
      } else {
        expect(nonRoot, id).toBe(true);
        expect(baton.container.securityContext?.allowPrivilegeEscalation, id).toBe(false);
      }
    }
  });

  it('lets only the api be reached from outside, and members only from members', () => {
    const objects = objectsOf(name);
    const api = policySpec(objects, 'baton-api');
    expect(api.podSelector?.matchLabels?.['app.kubernetes.io/component']).toBe('api');
    expect(api.ingress).toEqual([{ ports: [{ port: 'grpc', protocol: 'TCP' }] }]);
    expect(policySpec(objects, 'baton-members').ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'baton' } } }],
        ports: [{ port: 'grpc', protocol: 'TCP' }],
      },
    ]);
    expect(policySpec(objects, 'baton-default-deny').ingress).toBeUndefined();
    for (const pod of podTemplates(objects)) {
      expect(pod.labels['app.kubernetes.io/part-of'], pod.owner.metadata.name).toBe('baton');
    }
  });
});

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

describe('deploy/k8s extras', () => {
  it('the optional ServiceMonitor scrapes the metrics port of Service baton-metrics', () => {
    const objects = objectsOf('bundled+components');
    expect(objectsOf('bundled').some((o) => o.kind === 'ServiceMonitor')).toBe(false);
    const monitor = find<IServiceMonitor>(objects, 'ServiceMonitor', 'baton');
    const service = find<{ metadata: K8sObject['metadata']; spec: IServiceSpec }>(
      objects,
      'Service',
      'baton-metrics',
    );
    const selector = monitor.spec.selector.matchLabels ?? {};
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(selector)) {
      expect(service.metadata.labels?.[key]).toBe(value);
    }
    const ports = (service.spec.ports ?? []).map((p) => p.name);
    expect(ports).toContain(monitor.spec.endpoints?.[0]?.port);
  });

  it('the README documents the Secrets an operator supplies and how to apply each overlay', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Deploying on Kubernetes'));
    expect(section.startsWith('## Deploying on Kubernetes')).toBe(true);
    for (const secret of SUPPLIED.external) expect(section).toContain(`\`${secret}\``);
    for (const overlay of ['external', 'bundled']) {
      expect(section).toContain(`kubectl apply -k deploy/k8s/overlays/${overlay}`);
    }
  });
});
