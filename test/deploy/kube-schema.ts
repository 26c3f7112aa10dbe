// Validates Kubernetes objects against the API's OpenAPI schemas offline, with the validators that
// the kubernetes-models package compiles from them (no cluster, no network).
import type { KubeObject } from './kustomize-render';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

// One module per API group version deploy/k8s uses; an object of any other group version fails
// with a message saying to add it here, rather than passing unchecked.
const GROUP_VERSIONS: Record<string, () => Promise<Record<string, unknown>>> = {
  v1: () => import('kubernetes-models/v1'),
  'apps/v1': () => import('kubernetes-models/apps/v1'),
  'autoscaling/v2': () => import('kubernetes-models/autoscaling/v2'),
  'policy/v1': () => import('kubernetes-models/policy/v1'),
  'networking.k8s.io/v1': () => import('kubernetes-models/networking.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1': () => import('kubernetes-models/rbac.authorization.k8s.io/v1'),
};

/** The schema errors of one object, each naming the object and the path, e.g. `Deployment/trainer: data/spec/replicas must be integer`. */
export async function schemaErrors(object: KubeObject): Promise<string[]> {
  const where = `${object.kind}/${object.metadata.name}`;
  const load = GROUP_VERSIONS[object.apiVersion];
  if (!load) return [`${where}: no schema loaded for apiVersion ${object.apiVersion} (add it to GROUP_VERSIONS in test/deploy/kube-schema.ts)`];
  let models: Record<string, unknown>;
  try {
    models = await load();
  } catch (cause) {
    throw new Error(`cannot load the ${object.apiVersion} schemas: is the devDependency kubernetes-models@4.5.1 installed? (${(cause as Error).message})`, { cause });
  }
  const model = models[object.kind] as ModelClass | undefined;
  if (typeof model !== 'function') return [`${where}: ${object.apiVersion} has no kind ${object.kind}`];
  try {
    new model(object).validate();
    return [];
  } catch (err) {
    return [`${where}: ${(err as Error).message}`];
  }
}
