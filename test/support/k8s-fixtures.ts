/**
 * The rendered deploy/k8s overlays that test/k8s-manifests.test.ts and
 * test/k8s-checks.test.ts look at, and small lookups into them.
 */
import { join } from 'node:path';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import { ensureKubectl } from '../../services/cli/cluster/infra/debian-packages.js';
import { repoRoot } from '../../services/cli/cluster/infra/repo-root.js';
import { readComposeFile } from './compose-file.js';
import { renderAll, type K8sObject } from './k8s-render.js';

export const ROOT = repoRoot();
export const RENDERS = ['external', 'bundled', 'bundled+components'] as const;
/** Secrets the operator supplies, per render, as README ("Deploying on Kubernetes") lists them. */
export const SUPPLIED: Record<(typeof RENDERS)[number], string[]> = {
  external: ['baton-mysql', 'baton-etcd-client-tls'],
  bundled: [],
  'bundled+components': [],
};
/** The image compose builds from the repository's Dockerfile. */
export const IMAGE = readComposeFile(join(ROOT, 'deploy', 'compose.yaml')).get('api')?.image ?? '';

let rendered: Map<string, K8sObject[]> | undefined;

/** Renders every overlay once (installing kubectl when missing); call in `beforeAll`. */
export async function loadRenders(): Promise<void> {
  const kubectl = await ensureKubectl((line) => console.log(`[kubectl install] ${line}`));
  rendered = new Map((await renderAll(kubectl)).map((r) => [r.name, r.objects]));
}

/** How many renders were made. */
export function renderCount(): number {
  return rendered?.size ?? 0;
}

/** A copy of a render's objects, free to break on purpose. */
export function objectsOf(name: string): K8sObject[] {
  if (rendered === undefined) throw new Error('loadRenders() has not run');
  return structuredClone(rendered.get(name) ?? []);
}

export function find<T = K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (object === undefined) throw new Error(`no ${kind}/${name}`);
  return object as unknown as T;
}

export const podSpec = (objects: K8sObject[], kind: string, name: string): IPodSpec =>
  find<{ spec: { template: { spec: IPodSpec } } }>(objects, kind, name).spec.template.spec;

export function container(objects: K8sObject[], kind: string, name: string): IContainer {
  const first = podSpec(objects, kind, name).containers[0];
  if (first === undefined) throw new Error(`${kind}/${name} has no container`);
  return first;
}

export const config = (objects: K8sObject[]): Record<string, string> =>
  find<{ data: Record<string, string> }>(objects, 'ConfigMap', 'baton-config').data;
export const serviceSpec = (objects: K8sObject[], name: string): IServiceSpec =>
  find<{ spec: IServiceSpec }>(objects, 'Service', name).spec;
export const policySpec = (objects: K8sObject[], name: string): INetworkPolicySpec =>
  find<{ spec: INetworkPolicySpec }>(objects, 'NetworkPolicy', name).spec;
