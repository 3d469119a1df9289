/**
 * Validates rendered objects against the Kubernetes API's OpenAPI schemas, as compiled by
 * kubernetes-models (a current Kubernetes release) and, for the one CRD kind the optional
 * components use (ServiceMonitor), by @kubernetes-models/prometheus-operator. A kind neither
 * knows is a problem, not a pass.
 */
import type { K8sObject } from './k8s-render.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: K8sObject) => Model;

/** apiVersion → the module with its kinds' model classes. */
const MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  v1: () => import('kubernetes-models/v1'),
  'apps/v1': () => import('kubernetes-models/apps/v1'),
  'batch/v1': () => import('kubernetes-models/batch/v1'),
  'policy/v1': () => import('kubernetes-models/policy/v1'),
  'networking.k8s.io/v1': () => import('kubernetes-models/networking.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1': () => import('kubernetes-models/rbac.authorization.k8s.io/v1'),
  'autoscaling/v2': () => import('kubernetes-models/autoscaling/v2'),
  'monitoring.coreos.com/v1': () =>
    import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'),
};

/** One line per invalid object (`Kind/name: what is wrong`); empty when all are valid. */
export async function schemaProblems(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata.name}`;
    const load = MODULES[object.apiVersion];
    const Class = (load === undefined ? undefined : (await load())[object.kind]) as
      ModelClass | undefined;
    if (Class === undefined) {
      problems.push(`${id}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Class(structuredClone(object)).validate();
    } catch (error) {
      problems.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}
