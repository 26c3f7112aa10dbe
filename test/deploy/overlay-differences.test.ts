// Where the dev and prod overlays must differ: the artifact volume's access mode (and, on one node, the pod
// affinity that follows from it), the trainer's GPU, inference's replica bounds, images and backends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { podContainers, type KubeObject } from './kustomize-render';
import { deployment, effectiveEnv, find, mainContainer, render, repoRoot, selects, SERVICE_NAMES, type Container, type Workload } from './rendered-overlays';

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
