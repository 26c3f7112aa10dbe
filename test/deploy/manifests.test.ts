// Deployment manifests: both overlays render, every object passes the Kubernetes API schemas offline,
// and the pieces the product relies on are there (GPU trainer, inference HPA and PDB, headless gRPC
// Services, gRPC probes, resources, NATS JetStream, the shared artifact volume, Prometheus, Grafana).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { schemaErrors } from './kube-schema';
import { findKustomize, podContainers, renderKustomization, renderWithKustomize, strategicMerge, type KubeObject } from './kustomize-render';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const overlayDir = (overlay: string) => path.join(repoRoot, 'deploy/k8s/overlays', overlay);

/** gRPC port of each service; metrics listen 1000 above. */
const SERVICES = { dataset: 50051, trainer: 50052, evaluator: 50053, exporter: 50054, inference: 50055 } as const;
type ServiceName = keyof typeof SERVICES;
const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];
const grpcServiceOf = (svc: string) => `finetune.${svc}.v1.${svc[0]!.toUpperCase()}${svc.slice(1)}Service`;

// Every metric the services export that the dashboard must show.
const DASHBOARD_METRICS = [
  'grpc_server_handled_total',
  'grpc_server_handling_seconds',
  'finetune_backend_info',
  'finetune_train_loss',
  'finetune_train_learning_rate',
  'finetune_train_global_step',
  'finetune_train_images_per_second',
  'finetune_train_step_seconds',
  'finetune_train_input_wait_ratio',
  'finetune_eval_accuracy',
  'finetune_eval_recall_at_k',
  'finetune_eval_loss',
  'finetune_eval_step',
  'finetune_inference_requests_total',
  'finetune_inference_latency_seconds',
  'finetune_inference_batch_size',
  'finetune_inference_queue_seconds',
  'finetune_inference_model_version',
];

type Container = {
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
type PodSpec = {
  containers: Container[];
  volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }>;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key?: string }>;
  serviceAccountName?: string;
};
type Workload = KubeObject & {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: Array<{ metadata: { name: string }; spec: { accessModes: string[] } }>;
  };
};

const kustomize = findKustomize();
const rendered = new Map<string, KubeObject[]>();

/** The overlay as real kustomize renders it where there is one, else as the subset renderer does. */
function render(overlay: string): KubeObject[] {
  let objects = rendered.get(overlay);
  if (!objects) {
    objects = kustomize ? renderWithKustomize(kustomize, overlayDir(overlay)) : renderKustomization(overlayDir(overlay));
    rendered.set(overlay, objects);
  }
  return objects;
}

function find<T extends KubeObject = KubeObject>(objects: KubeObject[], kind: string, name: string): T {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0] as T;
}

const deployment = (objects: KubeObject[], svc: string) => find<Workload>(objects, 'Deployment', svc);
const mainContainer = (w: Workload) => w.spec.template.spec.containers.find((c) => c.name === w.metadata.name)!;

/** What the container's process sees: its ConfigMaps' data, overridden by its own env entries. */
function effectiveEnv(objects: KubeObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', source.configMapRef.name).data);
  }
  for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

const byIdentity = (objects: KubeObject[]) =>
  Object.fromEntries(objects.map((o) => [`${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));

describe('deploy renderer', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'finetune-kustomize-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('deploy renderer - merges keyed lists with the patch elements first, as kustomize does', () => {
    const base = { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }, { name: 'Z', value: '3' }] }, { name: 'b' }] };
    const patch = { containers: [{ name: 'a', env: [{ name: 'Z', value: '9' }, { name: 'W', value: '0' }] }] };
    expect(strategicMerge(base, patch, 'patch.yaml')).toEqual({
      containers: [
        {
          name: 'a',
          env: [
            { name: 'Z', value: '9' },
            { name: 'W', value: '0' },
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
        { name: 'b' },
      ],
    });
  });

  it('deploy renderer - deletes fields patched to null and replaces atomic lists whole', () => {
    const base = { nodeSelector: { gpu: 'true' }, tolerations: [{ key: 'a' }], resources: { limits: { cpu: '1', 'nvidia.com/gpu': 1 } } };
    const patch = { nodeSelector: null, tolerations: [{ key: 'b' }], resources: { limits: { 'nvidia.com/gpu': null } } };
    expect(strategicMerge(base, patch, 'patch.yaml')).toEqual({ tolerations: [{ key: 'b' }], resources: { limits: { cpu: '1' } } });
  });

  it('deploy renderer - refuses a kustomization field it does not implement, naming it', () => {
    writeFileSync(path.join(tmp, 'kustomization.yaml'), 'namePrefix: x-\nresources: []\n');
    expect(() => renderKustomization(tmp)).toThrow(/field "namePrefix" is not supported/);
  });

  it('deploy renderer - refuses to patch a list whose merge semantics it does not know', () => {
    expect(() => strategicMerge({ ports: [{ port: 1 }] }, { ports: [{ port: 2 }] }, 'patch.yaml')).toThrow(/patch.yaml: patching the list "ports"/);
  });

  it.skipIf(!kustomize)('deploy renderer - renders both overlays exactly as kustomize does', () => {
    for (const overlay of ['dev', 'prod']) {
      expect(byIdentity(renderKustomization(overlayDir(overlay))), overlay).toEqual(byIdentity(render(overlay)));
    }
  });
});

describe.each(['dev', 'prod'])('deploy %s overlay', (overlay) => {
  it(`deploy ${overlay} - every object passes the Kubernetes API schema`, async () => {
    const objects = render(overlay);
    expect(objects.length).toBeGreaterThan(15);
    const errors = (await Promise.all(objects.map(schemaErrors))).flat();
    expect(errors).toEqual([]);
  });

  it(`deploy ${overlay} - every object has a unique name and sits in the overlay's namespace`, () => {
    const objects = render(overlay);
    const namespace = find(objects, 'Namespace', overlay === 'prod' ? 'finetune' : 'finetune-dev').metadata.name;
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(namespace);
    expect(Object.keys(byIdentity(objects))).toHaveLength(objects.length);
  });

  it(`deploy ${overlay} - each gRPC service has a headless Service selecting its pods`, () => {
    const objects = render(overlay);
    for (const svc of SERVICE_NAMES) {
      const service = find<KubeObject & { spec: { clusterIP?: string; selector: Record<string, string>; ports: Array<{ name: string; port: number; targetPort: string }> } }>(objects, 'Service', svc);
      expect(service.spec.clusterIP, svc).toBe('None');
      expect(service.spec.ports.find((p) => p.name === 'grpc'), svc).toMatchObject({ port: SERVICES[svc], targetPort: 'grpc' });
      const w = deployment(objects, svc);
      expect(selects(service.spec.selector, w.spec.template.metadata.labels), `Service ${svc} selects its pods`).toBe(true);
      expect(selects(w.spec.selector.matchLabels, w.spec.template.metadata.labels), `Deployment ${svc} selects its pods`).toBe(true);
    }
  });

  it(`deploy ${overlay} - every Deployment probes gRPC health: liveness on the server, readiness on its own API`, () => {
    const objects = render(overlay);
    const deployments = objects.filter((o) => o.kind === 'Deployment' && o.metadata.name in SERVICES) as Workload[];
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const d of deployments) {
      const c = mainContainer(d);
      const port = SERVICES[d.metadata.name as ServiceName];
      expect(c.ports?.find((p) => p.name === 'grpc')?.containerPort, d.metadata.name).toBe(port);
      expect(effectiveEnv(objects, c)[`FINETUNE_${d.metadata.name.toUpperCase()}_GRPC_PORT`], d.metadata.name).toBe(String(port));
      // Liveness on "" (the whole server): inference waiting for its first model must not be restarted.
      expect(c.livenessProbe?.grpc, d.metadata.name).toEqual({ port });
      expect(c.readinessProbe?.grpc, d.metadata.name).toEqual({ port, service: grpcServiceOf(d.metadata.name) });
    }
  });

  it(`deploy ${overlay} - every probe has a timeout above the event-loop lag seen (1.1 s), not the 1 s default`, () => {
    type Probe = { timeoutSeconds?: number };
    const probes = (podContainers(render(overlay)) as Array<Record<string, Probe | undefined> & { name: string }>).flatMap((c) =>
      (['startupProbe', 'livenessProbe', 'readinessProbe'] as const).filter((k) => c[k]).map((k) => [`${c.name} ${k}`, c[k]!] as const),
    );
    expect(probes.length).toBeGreaterThanOrEqual(3 * (SERVICE_NAMES.length + 2)); // the services, NATS, Prometheus
    for (const [where, probe] of probes) expect(probe.timeoutSeconds, where).toBeGreaterThanOrEqual(3);
  });

  it(`deploy ${overlay} - every container declares cpu and memory requests and limits`, () => {
    const objects = render(overlay);
    const containers = podContainers(objects) as Container[];
    expect(containers.length).toBe(SERVICE_NAMES.length + 2); // and NATS, Prometheus
    for (const c of containers) {
      for (const kind of ['requests', 'limits'] as const) {
        expect(c.resources?.[kind], `${c.name} ${kind}`).toHaveProperty('cpu');
        expect(c.resources?.[kind], `${c.name} ${kind}`).toHaveProperty('memory');
      }
    }
  });

  it(`deploy ${overlay} - NATS runs with JetStream from a StatefulSet, its store on a volume claim`, () => {
    const objects = render(overlay);
    const nats = find<Workload>(objects, 'StatefulSet', 'nats');
    const container = nats.spec.template.spec.containers[0]!;
    expect(container.image).toMatch(/^nats:/);
    const conf = find<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'nats-config').data['nats.conf']!;
    const storeDir = /jetstream\s*\{[^}]*store_dir:\s*(\S+)/.exec(conf)?.[1];
    expect(storeDir, 'jetstream { store_dir } in nats.conf').toBeDefined();
    const claim = nats.spec.volumeClaimTemplates?.[0];
    expect(claim?.spec.accessModes).toEqual(['ReadWriteOnce']);
    const mount = container.volumeMounts?.find((m) => m.name === claim?.metadata.name);
    expect(storeDir!.startsWith(`${mount?.mountPath}/`), `store_dir ${storeDir} is on the claimed volume`).toBe(true);
    expect(find(objects, 'Service', 'nats-headless').spec).toMatchObject({ clusterIP: 'None' });
    expect(find(objects, 'Service', 'nats').spec).toMatchObject({ ports: [{ port: 4222 }] });
    for (const svc of SERVICE_NAMES) expect(effectiveEnv(objects, mainContainer(deployment(objects, svc))).FINETUNE_NATS_URL, svc).toBe('nats://nats:4222');
  });

  it(`deploy ${overlay} - every service mounts the shared artifact volume at FINETUNE_STATE_DIR`, () => {
    const objects = render(overlay);
    for (const svc of SERVICE_NAMES) {
      const w = deployment(objects, svc);
      const c = mainContainer(w);
      const stateDir = effectiveEnv(objects, c).FINETUNE_STATE_DIR;
      expect(stateDir, svc).toMatch(/^\//);
      const volume = w.spec.template.spec.volumes?.find((v) => v.persistentVolumeClaim?.claimName === 'finetune-artifacts');
      expect(volume, `${svc} has the artifact volume`).toBeDefined();
      expect(c.volumeMounts?.find((m) => m.name === volume!.name)?.mountPath, svc).toBe(stateDir);
      // The shared volume is how artifacts move; --artifact-store nats is the alternative without one.
      expect(effectiveEnv(objects, c).FINETUNE_ARTIFACT_STORE, svc).toBe('volume');
    }
  });

  it(`deploy ${overlay} - every service listens on the pod's address, not the 127.0.0.1 a local run binds`, () => {
    const objects = render(overlay);
    for (const svc of SERVICE_NAMES) {
      const env = effectiveEnv(objects, mainContainer(deployment(objects, svc)));
      expect(env.FINETUNE_GRPC_HOST, svc).toBe('0.0.0.0');
      expect(env.FINETUNE_METRICS_HOST, svc).toBe('0.0.0.0');
    }
  });

  it(`deploy ${overlay} - inference is scaled on CPU by an HPA and guarded by a PodDisruptionBudget`, () => {
    const objects = render(overlay);
    type Hpa = KubeObject & { spec: { scaleTargetRef: unknown; metrics: unknown[]; minReplicas: number; maxReplicas: number } };
    const hpa = find<Hpa>(objects, 'HorizontalPodAutoscaler', 'inference');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'inference' });
    expect(hpa.spec.metrics).toContainEqual(expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }));
    expect(mainContainer(deployment(objects, 'inference')).resources?.requests).toHaveProperty('cpu');
    type Pdb = KubeObject & { spec: { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number; unhealthyPodEvictionPolicy?: string } };
    const pdb = find<Pdb>(objects, 'PodDisruptionBudget', 'inference');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(pdb.spec.selector.matchLabels, deployment(objects, 'inference').spec.template.metadata.labels)).toBe(true);
    // maxUnavailable, not minAvailable: a one-replica install can still be drained; and pods without
    // a model yet (not ready) must not block evictions.
    expect(pdb.spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
  });

  it(`deploy ${overlay} - the HPA alone owns the inference replica count`, () => {
    // A count in the Deployment (or an overlay's replicas:) would reset the HPA's choice on every apply.
    expect(deployment(render(overlay), 'inference').spec).not.toHaveProperty('replicas');
  });

  it(`deploy ${overlay} - every service is scraped by the Prometheus config through its pod annotations`, () => {
    const objects = render(overlay);
    const cm = find<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'finetune-prometheus');
    type ScrapeConfig = { job_name: string; honor_labels?: boolean; kubernetes_sd_configs?: unknown[]; relabel_configs?: unknown[] };
    const config = YAML.parse(cm.data['prometheus.yml']!) as { scrape_configs: ScrapeConfig[] };
    const job = config.scrape_configs.find((j) => j.job_name === 'finetune');
    // Pods of Prometheus' own namespace only: a Role is enough, and no other install is scraped.
    expect(job?.kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { own_namespace: true } }]);
    // The training job is job_id; the scrape job keeps Prometheus' own `job` label.
    expect(job?.honor_labels).toBeUndefined();
    expect(job?.relabel_configs).toContainEqual(expect.objectContaining({ source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], action: 'keep' }));
    for (const svc of SERVICE_NAMES) {
      const w = deployment(objects, svc);
      const metricsPort = mainContainer(w).ports?.find((p) => p.name === 'metrics')?.containerPort;
      expect(metricsPort, svc).toBe(SERVICES[svc] + 1000);
      expect(w.spec.template.metadata.labels['app.kubernetes.io/part-of'], svc).toBe('finetune');
      expect(w.spec.template.metadata.annotations, svc).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(metricsPort), 'prometheus.io/path': '/metrics' });
    }
  });

  it(`deploy ${overlay} - Prometheus runs beside the services, mounts its ConfigMap and may list only their namespace's pods`, () => {
    const objects = render(overlay);
    const prometheus = find<Workload>(objects, 'Deployment', 'prometheus');
    const config = find(objects, 'ConfigMap', 'finetune-prometheus');
    // A pod can mount a ConfigMap of its own namespace only.
    expect(prometheus.spec.template.spec.volumes?.map((v) => v.configMap?.name)).toContain('finetune-prometheus');
    expect(prometheus.metadata.namespace).toBe(config.metadata.namespace);
    type Binding = KubeObject & { roleRef: { kind: string; name: string }; subjects: Array<{ kind: string; name: string; namespace?: string }> };
    const binding = find<Binding>(objects, 'RoleBinding', 'prometheus');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: prometheus.spec.template.spec.serviceAccountName, namespace: prometheus.metadata.namespace }]);
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'prometheus' });
    const role = find<KubeObject & { rules: Array<{ resources: string[]; verbs: string[] }> }>(objects, 'Role', 'prometheus');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(objects.filter((o) => o.kind.startsWith('Cluster')).map((o) => o.kind)).toEqual([]);
  });

  it(`deploy ${overlay} - the Grafana dashboard ConfigMap holds valid JSON that charts every metric`, () => {
    const objects = render(overlay);
    const cm = find<KubeObject & { data: Record<string, string> }>(objects, 'ConfigMap', 'finetune-grafana-dashboard');
    expect(cm.metadata.labels?.grafana_dashboard).toBe('1');
    const dashboard = JSON.parse(cm.data['finetune-dashboard.json']!) as { uid: string; panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    expect(dashboard.uid).toBe('finetune');
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    for (const metric of DASHBOARD_METRICS) {
      expect(
        exprs.some((e) => new RegExp(`\\b${metric}(_bucket|_sum|_count)?\\b`).test(e)),
        `a panel charts ${metric}`,
      ).toBe(true);
    }
    const panel = (title: string) => dashboard.panels.find((p) => p.title === title)!.targets!.map((t) => t.expr).join('\n');
    expect(panel('Recall@k')).toContain('finetune_eval_recall_at_k');
    expect(panel('Latency')).toMatch(/histogram_quantile\(0\.5,[\s\S]*histogram_quantile\(0\.99,/);
  });
});

describe('deploy overlays differ where they must', () => {
  type Claim = KubeObject & { spec: { accessModes: string[]; storageClassName?: string } };
  type PodAffinityTerm = { topologyKey: string; labelSelector: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values: string[] }> } };
  const artifactPods = (objects: KubeObject[]) =>
    (objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)) as Workload[]).filter((w) =>
      w.spec.template.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === 'finetune-artifacts'),
    );
  /** Whether a label selector (matchLabels and In expressions, all this repo uses) selects these labels. */
  const selectsLabels = (selector: PodAffinityTerm['labelSelector'], labels: Record<string, string>) =>
    selects(selector.matchLabels ?? {}, labels) &&
    (selector.matchExpressions ?? []).every((e) => {
      expect(e.operator, 'selector operator').toBe('In');
      return e.values.includes(labels[e.key] ?? '');
    });

  it('deploy prod - the artifact volume is ReadWriteMany, so pods share it across nodes', () => {
    const objects = render('prod');
    expect(find<Claim>(objects, 'PersistentVolumeClaim', 'finetune-artifacts').spec.accessModes).toEqual(['ReadWriteMany']);
    for (const w of artifactPods(objects)) expect((w.spec.template.spec as { affinity?: unknown }).affinity, w.metadata.name).toBeUndefined();
  });

  it("deploy dev - the artifact volume is ReadWriteOnce on the default storage class, every pod mounting it on one node", () => {
    const objects = render('dev');
    const claim = find<Claim>(objects, 'PersistentVolumeClaim', 'finetune-artifacts');
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(claim.spec.storageClassName).toBeUndefined();
    const pods = artifactPods(objects);
    expect(pods.map((w) => w.metadata.name).sort()).toEqual([...SERVICE_NAMES].sort());
    const others = (objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)) as Workload[]).filter((w) => !pods.includes(w));
    for (const w of pods) {
      const terms = (w.spec.template.spec as { affinity?: { podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] } } }).affinity?.podAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution;
      expect(terms, w.metadata.name).toHaveLength(1);
      expect(terms![0]!.topologyKey).toBe('kubernetes.io/hostname');
      // It must select every pod that mounts the volume (itself included, so the first may start alone),
      // and nothing else, or another workload's node could be chosen.
      for (const p of pods) expect(selectsLabels(terms![0]!.labelSelector, p.spec.template.metadata.labels), `${w.metadata.name} follows ${p.metadata.name}`).toBe(true);
      for (const o of others) expect(selectsLabels(terms![0]!.labelSelector, o.spec.template.metadata.labels), `${w.metadata.name} ignores ${o.metadata.name}`).toBe(false);
    }
  });

  it('deploy prod - the trainer asks for one GPU on a GPU node and forces the GPU backend', () => {
    const objects = render('prod');
    const trainer = deployment(objects, 'trainer');
    const c = mainContainer(trainer);
    expect(c.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    expect(trainer.spec.template.spec.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(trainer.spec.template.spec.tolerations).toContainEqual(expect.objectContaining({ key: 'nvidia.com/gpu' }));
    expect(effectiveEnv(objects, c).FINETUNE_BACKEND).toBe('tensorflow-gpu');
    // No other container holds a GPU.
    const gpuHolders = (podContainers(objects) as Container[]).filter((x) => x.resources?.limits?.['nvidia.com/gpu'] !== undefined);
    expect(gpuHolders.map((x) => x.name)).toEqual(['trainer']);
  });

  it('deploy prod - inference runs 3 replicas at least, scales to 12 on requests in flight, CPU as the fallback', () => {
    const objects = render('prod');
    const hpa = find<KubeObject & { spec: { metrics: unknown[] } }>(objects, 'HorizontalPodAutoscaler', 'inference');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(hpa.spec.metrics).toEqual([
      { type: 'Pods', pods: { metric: { name: 'finetune_inference_in_flight_requests' }, target: { type: 'AverageValue', averageValue: '16' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    // The metric the HPA asks prometheus-adapter for is one the inference service exports.
    expect(readFileSync(path.join(repoRoot, 'services/inference/src/inference-metrics.ts'), 'utf8')).toContain("name: 'finetune_inference_in_flight_requests'");
    for (const svc of SERVICE_NAMES) expect(mainContainer(deployment(objects, svc)).image, svc).toBe(`finetune/${svc}:0.1.0`);
  });

  it('deploy dev - one replica each (inference: from its HPA), no GPU anywhere, wasm in every service', () => {
    const objects = render('dev');
    for (const svc of SERVICE_NAMES) {
      const w = deployment(objects, svc);
      expect(w.spec.replicas, svc).toBe(svc === 'inference' ? undefined : 1);
      expect(w.spec.template.spec.nodeSelector, svc).toBeUndefined();
      expect(effectiveEnv(objects, mainContainer(w)).FINETUNE_BACKEND, svc).toBe('wasm');
      expect(mainContainer(w).image, svc).toBe(svc === 'trainer' ? 'finetune/trainer-cpu:dev' : `finetune/${svc}:dev`);
    }
    const gpuHolders = (podContainers(objects) as Container[]).filter((c) => c.resources?.limits?.['nvidia.com/gpu'] !== undefined || c.resources?.requests?.['nvidia.com/gpu'] !== undefined);
    expect(gpuHolders).toEqual([]);
    expect(deployment(objects, 'trainer').spec.template.spec.tolerations).toBeUndefined();
    expect(find<KubeObject & { spec: Record<string, unknown> }>(objects, 'HorizontalPodAutoscaler', 'inference').spec).toMatchObject({ minReplicas: 1 });
  });
});

describe('deploy docker', () => {
  // Docker is not on this machine: the file is checked as text, stage by stage.
  const dockerfile = readFileSync(path.join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
  const args = Object.fromEntries([...dockerfile.matchAll(/^ARG (\w+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));
  const stages = new Map<string, { from: string; body: string }>();
  for (const m of dockerfile.matchAll(/^FROM (\S+) AS (\S+)\n([\s\S]*?)(?=^FROM |(?![\s\S]))/gm)) stages.set(m[2]!, { from: m[1]!, body: m[3]! });
  /** A stage's instructions with those of the stages it builds on, nearest last. */
  const chain = (name: string): string => {
    const stage = stages.get(name);
    return stage ? chain(stage.from) + stage.body : '';
  };
  const image = (ref: string) => ref.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args[arg] ?? ref);
  const rootImage = (name: string): string => (stages.has(stages.get(name)!.from) ? rootImage(stages.get(name)!.from) : image(stages.get(name)!.from));

  it('deploy docker - one target per service runs its main.ts through tsx as a non-root user', () => {
    for (const [target, svc] of [...SERVICE_NAMES.map((s) => [s, s]), ['trainer-cpu', 'trainer']] as const) {
      expect(stages.has(target), `target ${target}`).toBe(true);
      const instructions = chain(target);
      const cmds = [...instructions.matchAll(/^CMD (.+)$/gm)].map((m) => JSON.parse(m[1]!) as string[]);
      expect(cmds.at(-1), target).toEqual(['node', '--import', 'tsx', `services/${svc}/src/main.ts`]);
      expect([...instructions.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1], target).toBe('1000:1000');
      expect(instructions, target).toMatch(new RegExp(`^EXPOSE ${SERVICES[svc]} ${SERVICES[svc] + 1000}$`, 'm'));
      expect(instructions, target).toMatch(/^COPY proto proto$/m);
    }
  });

  it('deploy docker - CPU images are node 20 bookworm-slim, the trainer CUDA 11 with tfjs-node-gpu', () => {
    for (const target of ['dataset', 'evaluator', 'exporter', 'inference', 'trainer-cpu']) expect(rootImage(target), target).toBe('node:20-bookworm-slim');
    expect(chain('deps')).toMatch(/npm ci --omit=dev/);
    // tfjs-node-gpu 4.x loads libcudart.so.11.0 and libcudnn.so.8: CUDA 12 images have neither.
    expect(rootImage('trainer')).toMatch(/^nvidia\/cuda:11\.\d+\.\d+-cudnn8-runtime-ubuntu22\.04$/);
    expect(chain('trainer')).toMatch(/npm ci --omit=dev[\s\S]*tfjs-node-gpu\/lib\/napi-v\*\/tfjs_binding\.node/);
  });
});
