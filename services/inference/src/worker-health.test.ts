// The service's reaction to model worker deaths: metrics and logs for a restart, NOT_SERVING for a pool that gave up.
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { WorkerExitedError } from '@finetune/engine';
import { createLogger, HealthRegistry } from '@finetune/runtime';
import { createInferenceMetrics } from './inference-metrics';
import { WorkerHealth } from './worker-health';

const SERVICE = 'finetune.inference.v1.InferenceService';

describe('worker health', () => {
  it('worker health - a restarted worker is counted and the pod stays SERVING; a broken pool makes the whole server NOT_SERVING', async () => {
    const health = new HealthRegistry();
    health.set('', 'SERVING');
    health.set(SERVICE, 'SERVING');
    const registry = new Registry();
    const metrics = createInferenceMetrics(registry);
    const lines: string[] = [];
    const log = createLogger({}, { write: (line: string) => void lines.push(line) });
    const workers = new WorkerHealth({ health, metrics, log });
    const events = workers.callbacks('flowers', 3);

    events.onWorkerExit!(1, new WorkerExitedError(1, 'exited with code 1', 'model worker'), true);
    events.onWorkerRestarted!(1);
    expect(health.get('')).toBe('SERVING');
    expect(workers.broken).toBe(false);

    events.onWorkerExit!(1, new WorkerExitedError(1, 'exited with code 1', 'model worker'), false);
    events.onBroken!(new Error('model worker 1 died 4 times within 60 s'));
    expect(workers.broken).toBe(true);
    expect(health.get('')).toBe('NOT_SERVING');
    expect(health.get(SERVICE)).toBe('NOT_SERVING');
    const text = await registry.metrics();
    expect(text).toContain('finetune_inference_worker_exits_total{model="flowers",restarted="yes"} 1');
    expect(text).toContain('finetune_inference_worker_exits_total{model="flowers",restarted="no"} 1');
    expect(lines.join('\n')).toMatch(/model workers keep failing/);
  });
});
