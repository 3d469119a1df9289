/**
 * The wiring checks of the rendered deploy/k8s objects. Each returns one line per problem, so
 * a test can show both that the real render has none and that a broken one is caught.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkServerIdentity } from 'node:tls';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import type { z } from 'zod';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';
import type { Role } from '../../shared/etcd/keys.js';
import { apiEnvSchema } from '../../services/api/env.js';
import { coordinatorEnvSchema } from '../../services/coordinator/env.js';
import { masterEnvSchema } from '../../services/master/env.js';
import { workerEnvSchema } from '../../services/worker/env.js';
import { ensureCertificateAuthority } from '../../shared/tls/certificate-authority.js';
import { ensureMemberCertificate } from '../../shared/tls/member-certificate.js';
import { isMemberRole } from '../../shared/tls/member-roles.js';
import {
  batonContainers,
  byKind,
  effectiveEnv,
  podTemplates,
  type K8sObject,
  type PodTemplate,
} from './k8s-render.js';

const ENV_SCHEMAS: Record<Role, z.ZodObject> = {
  api: apiEnvSchema,
  master: masterEnvSchema,
  coordinator: coordinatorEnvSchema,
  worker: workerEnvSchema,
};

/** Keys of a zod object schema that must be set: their field rejects `undefined`. */
export function requiredEnvKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const matches = (labels: Record<string, string>, selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Every Service selects at least one pod template, and its target ports are that pod's. */
export function serviceProblems(objects: K8sObject[]): string[] {
  const pods = podTemplates(objects);
  return byKind(objects, 'Service').flatMap((service) => {
    const spec = service['spec'] as IServiceSpec;
    const selector = spec.selector ?? {};
    if (Object.keys(selector).length === 0) return [`${idOf(service)} has no selector`];
    const selected = pods.filter(
      (p) =>
        p.owner.metadata.namespace === service.metadata.namespace && matches(p.labels, selector),
    );
    if (selected.length === 0) return [`${idOf(service)} selects no pods`];
    const ports = selected.flatMap((p) => p.spec.containers.flatMap((c) => c.ports ?? []));
    return (spec.ports ?? [])
      .filter(
        ({ port, targetPort = port }) =>
          !ports.some((p) => p.name === targetPort || p.containerPort === targetPort),
      )
      .map(
        ({ port, targetPort }) => `${idOf(service)} port ${port} targets ${targetPort}, not served`,
      );
  });
}

function initJob(objects: K8sObject[]): PodTemplate | undefined {
  return podTemplates(objects).find((p) => p.labels['app.kubernetes.io/name'] === 'baton-init');
}

/** The init Job's `--member NAME:ROLE[:HOSTS]` arguments, as given (`$(POD_NAMESPACE)` and all). */
function initJobMembers(objects: K8sObject[]): string[] {
  const args = initJob(objects)?.spec.containers[0]?.args ?? [];
  return args.filter((_, i) => args[i - 1] === '--member');
}

/** The Secrets the init Job makes: baton-ca, baton-NAME-tls per --member, PASSWORD_SECRETS. */
export function initJobSecrets(objects: K8sObject[]): string[] {
  const container = initJob(objects)?.spec.containers[0];
  if (container === undefined) return [];
  const members = initJobMembers(objects).map((member) => member.split(':')[0]);
  const passwords = container.env?.find((e) => e.name === 'PASSWORD_SECRETS')?.value ?? '';
  return ['baton-ca', ...members.map((m) => `baton-${m}-tls`), ...passwords.split(',')].filter(
    (name) => name !== '',
  );
}

function containersOf(pod: PodTemplate): IContainer[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
}

/**
 * Every Secret a pod references is in the render, made by the init Job or in `supplied` (the
 * overlay's documented list); every ConfigMap (and key) and ServiceAccount is in the render.
 */
export function referenceProblems(objects: K8sObject[], supplied: readonly string[]): string[] {
  const named = (kind: string) => new Set(byKind(objects, kind).map((o) => o.metadata.name));
  const secrets = new Set([...named('Secret'), ...initJobSecrets(objects), ...supplied]);
  const configMaps = named('ConfigMap');
  const accounts = named('ServiceAccount');
  const problems: string[] = [];
  const need = (pod: PodTemplate, kind: string, name: string | undefined, known: Set<string>) => {
    if (name !== undefined && !known.has(name)) {
      problems.push(`${idOf(pod.owner)} references ${kind} ${name}, which nothing provides`);
    }
  };
  for (const pod of podTemplates(objects)) {
    need(pod, 'ServiceAccount', pod.spec.serviceAccountName, accounts);
    for (const volume of pod.spec.volumes ?? []) {
      need(pod, 'Secret', volume.secret?.secretName, secrets);
      need(pod, 'ConfigMap', volume.configMap?.name, configMaps);
      for (const source of volume.projected?.sources ?? []) {
        need(pod, 'Secret', source.secret?.name, secrets);
        need(pod, 'ConfigMap', source.configMap?.name, configMaps);
      }
    }
    for (const container of containersOf(pod)) {
      for (const from of container.envFrom ?? []) {
        need(pod, 'Secret', from.secretRef?.name, secrets);
        need(pod, 'ConfigMap', from.configMapRef?.name, configMaps);
      }
      for (const variable of container.env ?? []) {
        need(pod, 'Secret', variable.valueFrom?.secretKeyRef?.name, secrets);
        const ref = variable.valueFrom?.configMapKeyRef;
        need(pod, 'ConfigMap', ref?.name, configMaps);
        const map = byKind(objects, 'ConfigMap').find((o) => o.metadata.name === ref?.name);
        if (ref !== undefined && map !== undefined && !(ref.key in (map['data'] as object))) {
          problems.push(`${idOf(pod.owner)} reads key ${ref.key} that ConfigMap ${ref.name} lacks`);
        }
      }
    }
  }
  return problems;
}

/** Each Baton container sets every variable its service's schema requires, and all parse. */
export function envProblems(objects: K8sObject[]): string[] {
  return batonContainers(objects).flatMap((baton) => {
    const id = `${idOf(baton.pod.owner)} (${baton.role})`;
    const env = effectiveEnv(objects, baton);
    const schema = ENV_SCHEMAS[baton.role];
    const missing = requiredEnvKeys(schema).filter((key) => (env[key] ?? '') === '');
    if (missing.length > 0) return [`${id} does not set ${missing.join(', ')}`];
    const parsed = schema.safeParse(env);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => `${id}: ${i.path.join('.')}: ${i.message}`);
  });
}

/** The port of `host:port`. */
const portOf = (address: string | undefined) => Number(/:(\d+)$/.exec(address ?? '')?.[1]);

/**
 * Every Baton container serves gRPC on containerPort `grpc` = LISTEN's port, and has startup,
 * readiness and liveness probes running `baton health 127.0.0.1:<that port>`.
 */
export function probeProblems(objects: K8sObject[]): string[] {
  return batonContainers(objects).flatMap((baton) => {
    const id = `${idOf(baton.pod.owner)} (${baton.role})`;
    const listen = portOf(effectiveEnv(objects, baton)['LISTEN']);
    const problems: string[] = [];
    const grpc = baton.container.ports?.find((p) => p.name === 'grpc')?.containerPort;
    if (grpc !== listen)
      problems.push(`${id}: containerPort grpc ${grpc} is not LISTEN's ${listen}`);
    for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
      const command = baton.container[kind]?.exec?.command ?? [];
      const [cli, verb, address] = command;
      if (cli !== 'baton' || verb !== 'health' || portOf(address) !== listen) {
        problems.push(`${id}: ${kind} ${JSON.stringify(command)} is not baton health on ${listen}`);
      }
    }
    return problems;
  });
}

/**
 * Every container running Baton code (a service or the init Job) uses `image`, the one compose
 * builds from the repository's Dockerfile, and runs an entry point that Dockerfile builds.
 */
export function imageProblems(objects: K8sObject[], image: string): string[] {
  const root = repoRoot();
  const job = podTemplates(objects).filter(
    (p) => p.labels['app.kubernetes.io/name'] === 'baton-init',
  );
  const uses = [
    ...batonContainers(objects).map((b) => ({
      owner: b.pod.owner,
      container: b.container,
      role: b.role,
    })),
    ...job.flatMap((p) =>
      p.spec.containers.map((container) => ({ owner: p.owner, container, role: undefined })),
    ),
  ];
  if (uses.length === 0) return ['no container runs Baton'];
  return uses.flatMap(({ owner, container, role }) => {
    const problems: string[] = [];
    if (container.image !== image) {
      problems.push(`${idOf(owner)}: image ${container.image} is not the repository's ${image}`);
    }
    if (role !== undefined && !existsSync(join(root, 'services', role, 'main.ts'))) {
      problems.push(`${idOf(owner)}: the image has no services/${role}/main`);
    }
    return problems;
  });
}

/** terminationGracePeriodSeconds >= (SHUTDOWN_GRACE_MS + a worker's TASK_KILL_GRACE_MS)/1000 + 10. */
export function gracePeriodProblems(objects: K8sObject[]): string[] {
  return batonContainers(objects).flatMap((baton) => {
    const parsed = ENV_SCHEMAS[baton.role].safeParse(effectiveEnv(objects, baton));
    if (!parsed.success) return [`${idOf(baton.pod.owner)}: environment does not parse`];
    const env = parsed.data as { SHUTDOWN_GRACE_MS: number; TASK_KILL_GRACE_MS?: number };
    const needed = Math.ceil((env.SHUTDOWN_GRACE_MS + (env.TASK_KILL_GRACE_MS ?? 0)) / 1000) + 10;
    const grace = baton.pod.spec.terminationGracePeriodSeconds ?? 30;
    return grace >= needed
      ? []
      : [`${idOf(baton.pod.owner)}: terminationGracePeriodSeconds ${grace} < ${needed}`];
  });
}

/** The roles whose ADVERTISE_ADDRESS other members dial (the api's is only listed). */
const DIALLED: readonly Role[] = ['master', 'coordinator', 'worker'];

/**
 * Every master, coordinator and worker advertises an address that the certificate it mounts
 * would pass: the init Job's certificate for that Secret is made for real (`baton certs init`'s
 * code, `$(POD_NAMESPACE)` as the kubelet expands it in the Job's namespace) and checked with
 * Node's `tls.checkServerIdentity` against the advertised host, as a dialling peer's grpc-js
 * does; its OU must be the container's role (what the peer rules check).
 */
export async function certificateProblems(objects: K8sObject[]): Promise<string[]> {
  const namespace = initJob(objects)?.owner.metadata.namespace ?? 'default';
  const specs = new Map(
    initJobMembers(objects).map((member) => {
      const [name = '', role = '', hosts = ''] = member
        .replaceAll('$(POD_NAMESPACE)', namespace)
        .split(':');
      return [name, { name, role, hosts: hosts.split(',').filter((h) => h !== '') }];
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'baton-k8s-certs-'));
  try {
    await ensureCertificateAuthority(dir);
    const problems: string[] = [];
    for (const baton of batonContainers(objects).filter((b) => DIALLED.includes(b.role))) {
      const id = `${idOf(baton.pod.owner)} (${baton.role})`;
      const env = effectiveEnv(objects, baton);
      const address = env['ADVERTISE_ADDRESS'];
      if (address === undefined || address === '') {
        problems.push(`${id} advertises no address`);
        continue;
      }
      const certDir = dirname(env['TLS_CERT_FILE'] ?? '');
      const mount = baton.container.volumeMounts?.find((m) => m.mountPath === certDir);
      const secret = baton.pod.spec.volumes?.find((v) => v.name === mount?.name)?.secret;
      const spec = specs.get(/^baton-(.+)-tls$/.exec(secret?.secretName ?? '')?.[1] ?? '');
      if (spec === undefined || !isMemberRole(spec.role)) {
        problems.push(`${id}: no init Job certificate in ${certDir} (${secret?.secretName})`);
        continue;
      }
      const { certFile } = await ensureMemberCertificate(dir, { ...spec, role: spec.role });
      const cert = new X509Certificate(readFileSync(certFile));
      if (!cert.subject.split('\n').includes(`OU=${baton.role}`)) {
        problems.push(`${id}: certificate ${spec.name} is not of role ${baton.role}`);
      }
      const host = address.slice(0, address.lastIndexOf(':'));
      const error = checkServerIdentity(host, cert.toLegacyObject());
      if (error !== undefined) {
        problems.push(
          `${id}: certificate ${spec.name} does not name ${host} (${cert.subjectAltName})`,
        );
      }
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
