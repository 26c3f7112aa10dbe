// Deployment manifests, each overlay on its own: every object passes the Kubernetes API schemas offline, and
// the pieces the product relies on are there (headless gRPC Services, gRPC probes, resources, NATS JetStream,
// the shared artifact volume, the inference HPA and PDB, Prometheus, Grafana). How the overlays differ is
// overlay-differences.test.ts; the renderer, kustomize-render.test.ts; the Dockerfile, dockerfile.test.ts.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { schemaErrors } from './kube-schema';
import { podContainers, type KubeObject } from './kustomize-render';
import {
  byIdentity,
  deployment,
  effectiveEnv,
  find,
  mainContainer,
  render,
  selects,
  SERVICE_NAMES,
  SERVICES,
  type Container,
  type ServiceName,
  type Workload,
} from './rendered-overlays';

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
