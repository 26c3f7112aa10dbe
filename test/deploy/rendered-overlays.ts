// The two overlays as rendered, and how the deploy tests read them: which services there are and their ports,
// the shapes of the workloads they check, and lookups that fail naming what is missing. Rendering is cheap
// (kustomize where there is one, else the subset renderer): each test file renders the overlays it reads once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { findKustomize, renderKustomization, renderWithKustomize, type KubeObject } from './kustomize-render';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const overlayDir = (overlay: string) => path.join(repoRoot, 'deploy/k8s/overlays', overlay);

/** gRPC port of each service; metrics listen 1000 above. */
export const SERVICES = { dataset: 50051, trainer: 50052, evaluator: 50053, exporter: 50054, inference: 50055 } as const;
export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export type Container = {
  name: string;
  image: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  readinessProbe?: { grpc?: { port: number; service?: string } };
  livenessProbe?: { grpc?: { port: number; service?: string } };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};
export type PodSpec = {
  containers: Container[];
  volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }>;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key?: string }>;
  serviceAccountName?: string;
};
export type Workload = KubeObject & {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: Array<{ metadata: { name: string }; spec: { accessModes: string[] } }>;
  };
};

export const kustomize = findKustomize();
const rendered = new Map<string, KubeObject[]>();

/** The overlay as real kustomize renders it where there is one, else as the subset renderer does. */
export function render(overlay: string): KubeObject[] {
  let objects = rendered.get(overlay);
  if (!objects) {
    objects = kustomize ? renderWithKustomize(kustomize, overlayDir(overlay)) : renderKustomization(overlayDir(overlay));
    rendered.set(overlay, objects);
  }
  return objects;
}

/** The one object of this kind and name; fails naming it when there is none or more than one. */
export function find<T extends KubeObject = KubeObject>(objects: KubeObject[], kind: string, name: string): T {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0] as T;
}

export const deployment = (objects: KubeObject[], svc: string) => find<Workload>(objects, 'Deployment', svc);
export const mainContainer = (w: Workload) => w.spec.template.spec.containers.find((c) => c.name === w.metadata.name)!;

/** What the container's process sees: its ConfigMaps' data, overridden by its own env entries. */
export function effectiveEnv(objects: KubeObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', source.configMapRef.name).data);
  }
  for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

/** Whether matchLabels select these labels. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Objects keyed by what Kubernetes tells them apart by: API version, kind, namespace and name. */
export const byIdentity = (objects: KubeObject[]) =>
  Object.fromEntries(objects.map((o) => [`${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
