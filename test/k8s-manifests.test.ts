/**
 * deploy/k8s renders and is wired right, offline. `kubectl kustomize` (Debian's kubectl,
 * installed when missing) renders every overlay and the bundled one with every optional
 * component; every object must pass the Kubernetes API schemas, and the wiring checks of
 * test/support/k8s-wiring.ts must find nothing. test/k8s-checks.test.ts shows each check
 * failing on a render broken on purpose, so none of them passes vacuously.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import {
  batonContainers,
  byKind,
  effectiveEnv,
  podTemplates,
  POD_IP,
  type K8sObject,
} from './support/k8s-render.js';
import {
  find,
  IMAGE,
  loadRenders,
  renderCount,
  objectsOf,
  policySpec,
  RENDERS,
  ROOT,
  SUPPLIED,
} from './support/k8s-fixtures.js';
import { schemaProblems } from './support/k8s-schema.js';
import {
  certificateProblems,
  envProblems,
  gracePeriodProblems,
  imageProblems,
  probeProblems,
  referenceProblems,
  serviceProblems,
} from './support/k8s-wiring.js';

beforeAll(loadRenders, 300_000);

describe.each(RENDERS)('deploy/k8s %s', (name) => {
  it('deploys the api, masters, coordinators, workers and the init Job', () => {
    const objects = objectsOf(name);
    expect(renderCount()).toBe(RENDERS.length);
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
