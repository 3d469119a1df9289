/**
 * deploy/k8s as `kubectl kustomize` renders it: every overlay, and the bundled one with every
 * optional component, as parsed objects, plus the views the wiring checks share (pod templates,
 * Baton containers and their effective environment).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parseAllDocuments } from 'yaml';
import { ROLES, type Role } from '../../shared/etcd/keys.js';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';

export const K8S_DIR = join(repoRoot(), 'deploy', 'k8s');

/** A rendered object; the checks read the fields they need through the model types. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface Render {
  /** `external`, `bundled`, or `bundled+components`. */
  name: string;
  objects: K8sObject[];
}

/** `kubectl kustomize DIR`, parsed; rejects with kubectl's stderr when it fails. */
export function kustomize(kubectl: string, dir: string): Promise<K8sObject[]> {
  return new Promise((resolve, reject) => {
    execFile(kubectl, ['kustomize', dir], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`kubectl kustomize ${dir} failed: ${stderr}`, { cause: error }));
        return;
      }
      resolve(parseObjects(stdout));
    });
  });
}

/** A YAML stream of objects; throws on a YAML error or a document that is no object. */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`bad YAML: ${doc.errors[0]?.message}`);
    const object = doc.toJS() as K8sObject | null;
    if (object === null || typeof object.kind !== 'string') throw new Error('not an object');
    return object;
  });
}

/** Every overlay, and `bundled` with every component in deploy/k8s/components. */
export async function renderAll(kubectl: string): Promise<Render[]> {
  const overlays = readdirSync(join(K8S_DIR, 'overlays')).sort();
  const renders = await Promise.all(
    overlays.map(async (name) => ({
      name,
      objects: await kustomize(kubectl, join(K8S_DIR, 'overlays', name)),
    })),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'baton-k8s-'));
  try {
    const components = readdirSync(join(K8S_DIR, 'components')).sort();
    writeFileSync(
      join(scratch, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        `  - ${relative(scratch, join(K8S_DIR, 'overlays', 'bundled'))}`,
        'components:',
        ...components.map((c) => `  - ${relative(scratch, join(K8S_DIR, 'components', c))}`),
        '',
      ].join('\n'),
    );
    renders.push({ name: 'bundled+components', objects: await kustomize(kubectl, scratch) });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return renders;
}

/** A workload's pod template: Deployment, StatefulSet or Job. */
export interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  spec: IPodSpec;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects
    .filter((o) => WORKLOADS.has(o.kind))
    .map((owner) => {
      const template = (
        owner['spec'] as { template: { metadata?: K8sObject['metadata']; spec: IPodSpec } }
      ).template;
      return { owner, labels: template.metadata?.labels ?? {}, spec: template.spec };
    });
}

export interface BatonContainer {
  pod: PodTemplate;
  container: IContainer;
  role: Role;
}

/** The `sh -c` script a container runs, when it runs one (workers compute their address). */
export function shellScript(container: IContainer): string | undefined {
  const [shell, flag, script] = [...(container.command ?? []), ...(container.args ?? [])];
  return shell === 'sh' && flag === '-c' ? script : undefined;
}

/** The role of `node dist/services/<role>/main.js`, run directly or exec'd at the end of `sh -c`. */
function serviceRole(container: IContainer): string | undefined {
  const script = shellScript(container);
  if (script !== undefined) {
    return /^\s*exec node dist\/services\/([a-z]+)\/main\.js\s*$/m.exec(
      script.trimEnd().split('\n').at(-1) ?? '',
    )?.[1];
  }
  const [node, main] = container.command ?? [];
  return node === 'node' ? /^dist\/services\/([a-z]+)\/main\.js$/.exec(main ?? '')?.[1] : undefined;
}

/**
 * Containers that run a Baton service: `node dist/services/<role>/main.js`, or an `sh -c` script
 * whose last line execs it.
 */
export function batonContainers(objects: K8sObject[]): BatonContainer[] {
  return podTemplates(objects).flatMap((pod) =>
    pod.spec.containers.flatMap((container) => {
      const role = serviceRole(container);
      return (ROLES as readonly string[]).includes(role ?? '')
        ? [{ pod, container, role: role as Role }]
        : [];
    }),
  );
}

export function byKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/** A stand-in pod IP for `status.podIP`. */
export const POD_IP = '10.244.1.17';

/** What a field reference stands for in a pod of `pod` (the first pod of a StatefulSet). */
function fieldValue(pod: PodTemplate, fieldPath: string): string {
  if (fieldPath === 'metadata.name') {
    const suffix = pod.owner.kind === 'StatefulSet' ? '0' : '7d9f8b6c5d-x2k4q';
    return `${pod.owner.metadata.name}-${suffix}`;
  }
  if (fieldPath === 'metadata.namespace') return pod.owner.metadata.namespace ?? 'default';
  if (fieldPath === 'status.podIP') return POD_IP;
  return `<${fieldPath}>`;
}

/** `$(VAR)` expanded as the kubelet does: a reference to no variable stays as it is. */
const expand = (text: string, env: Record<string, string>) =>
  text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, ref: string) => env[ref] ?? whole);

/** Variables a shell (not the script) sets by itself; not the script's doing. */
const SHELL_OWN = new Set(['PATH', 'PWD', 'OLDPWD', 'SHLVL', '_']);

/**
 * What an `sh -c` script exports before it execs `node`: the script runs (expanded as the
 * kubelet would) with `env` and a stand-in `node` on PATH that prints its environment.
 * @throws Error when the script fails, e.g. on a variable it needs that `env` lacks
 */
export function scriptExports(script: string, env: Record<string, string>): Record<string, string> {
  const bin = mkdtempSync(join(tmpdir(), 'baton-k8s-node-'));
  try {
    writeFileSync(join(bin, 'node'), '#!/bin/sh\nexec env -0\n');
    chmodSync(join(bin, 'node'), 0o755);
    const out = execFileSync('sh', ['-c', expand(script, env)], {
      env: { ...env, PATH: `${bin}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    const exported: Record<string, string> = {};
    for (const entry of out.split('\0').filter((e) => e !== '')) {
      const cut = entry.indexOf('=');
      const [key, value] = [entry.slice(0, cut), entry.slice(cut + 1)];
      if (!SHELL_OWN.has(key) && env[key] !== value) exported[key] = value;
    }
    return exported;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

/**
 * The environment the service starts with: its envFrom ConfigMaps from the render (a missing
 * one adds nothing: the reference check reports it), then `env`, with fields and Secret keys
 * as stand-in values and `$(VAR)` expanded as the kubelet does, then what an `sh -c` wrapper
 * exports before it execs the service.
 */
export function effectiveEnv(objects: K8sObject[], baton: BatonContainer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of baton.container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    Object.assign(env, (map?.['data'] as Record<string, string> | undefined) ?? {});
  }
  for (const variable of baton.container.env ?? []) {
    const from = variable.valueFrom;
    let value = variable.value ?? '';
    if (from?.fieldRef !== undefined) value = fieldValue(baton.pod, from.fieldRef.fieldPath);
    else if (from?.secretKeyRef !== undefined) value = '<secret>';
    else if (from?.configMapKeyRef !== undefined) {
      const map = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name === from.configMapKeyRef?.name,
      );
      value =
        (map?.['data'] as Record<string, string> | undefined)?.[from.configMapKeyRef.key] ?? '';
    }
    env[variable.name] = expand(value, env);
  }
  const script = shellScript(baton.container);
  if (script === undefined) return env;
  try {
    return { ...env, ...scriptExports(script, env) };
  } catch {
    // A script that fails exports nothing; certificateProblems reports the missing address.
    return env;
  }
}
