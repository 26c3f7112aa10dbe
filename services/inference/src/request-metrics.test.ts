// Request metrics: the in-flight gauge the HPA scales on counts a request from its start to its answer,
// whether it succeeds or fails, and the counter records the status it ended with.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '@finetune/serving';
import { createInferenceMetrics } from './inference-metrics';
import { measured } from './request-metrics';

async function gauge(registry: Registry, name: string): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return Number(metric?.values[0]?.value ?? NaN);
}

describe('inference request metrics', () => {
  it('request metrics - in flight counts requests until they answer or fail', async () => {
    const registry = new Registry();
    const metrics = createInferenceMetrics(registry);
    const releases: Array<(ok: boolean) => void> = [];
    const pending = () =>
      measured(metrics, () => new Promise<string>((resolve, reject) => releases.push((ok) => (ok ? resolve('done') : reject(new InvalidRequestError('image', 'is empty'))))));
    const first = pending();
    const second = pending().catch((err: Error) => err.name);
    expect(await gauge(registry, 'finetune_inference_in_flight_requests')).toBe(2);
    releases[0]!(true);
    expect(await first).toBe('done');
    expect(await gauge(registry, 'finetune_inference_in_flight_requests')).toBe(1);
    releases[1]!(false);
    expect(await second).toBe('InvalidRequestError');
    expect(await gauge(registry, 'finetune_inference_in_flight_requests')).toBe(0);
    const text = await registry.metrics();
    expect(text).toContain('finetune_inference_requests_total{status="OK"} 1');
    expect(text).toContain('finetune_inference_requests_total{status="INVALID_ARGUMENT"} 1');
  });
});
