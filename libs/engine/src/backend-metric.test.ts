import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { exportBackendMetric } from './backend-metric';

describe('backend metric', () => {
  it('backend - the chosen backend is exported as a label, once', async () => {
    const registry = new Registry();
    exportBackendMetric(registry, { name: 'cpu', reason: 'forced' });
    exportBackendMetric(registry, { name: 'wasm', reason: 'first that loaded' });
    const text = await registry.metrics();
    expect(text).toContain('finetune_backend_info{backend="wasm"} 1');
    expect(text).not.toContain('backend="cpu"');
  });
});
