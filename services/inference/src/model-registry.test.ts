import { describe, expect, it } from 'vitest';
import { createLogger } from '@finetune/runtime';
import type { ModelMetadata } from '@finetune/serving';
import { ModelRegistry, type LoadedModel } from './model-registry';

const log = createLogger({}, { write: () => undefined });

function fake(name: string, version: number): LoadedModel & { disposed: () => boolean } {
  let disposed = false;
  const predictor = { runtime: 'tfjs' as const, workers: 0, predict: async () => [], dispose: async () => void (disposed = true) };
  return { name, version, dir: `/repo/${name}/${version}`, metadata: { labels: ['a'] } as ModelMetadata, predictor, loadedAt: new Date(), disposed: () => disposed };
}

describe('model registry', () => {
  it('model registry - a new version takes new requests at once; the old one is disposed when its last request ends', () => {
    const registry = new ModelRegistry(log, '');
    const v1 = fake('flowers', 1);
    const v2 = fake('flowers', 2);
    registry.install(v1);
    const held = registry.acquire('', 0);
    expect(held.model.version).toBe(1);
    registry.install(v2);
    expect(registry.acquire('flowers', 0).model.version).toBe(2);
    expect(registry.loadedVersions('flowers')).toEqual([1, 2]);
    expect(v1.disposed()).toBe(false); // a request still holds it
    held.release();
    expect(v1.disposed()).toBe(true);
    expect(registry.loadedVersions('flowers')).toEqual([2]);
  });

  it('model registry - an older or equal version is not installed over a newer one', () => {
    const registry = new ModelRegistry(log, '');
    registry.install(fake('flowers', 3));
    const old = fake('flowers', 2);
    expect(registry.install(old)).toBe(false);
    expect(old.disposed()).toBe(true);
    expect(registry.current('flowers')!.version).toBe(3);
  });

  it('model registry - unknown names and versions, and an ambiguous default, are errors naming them', () => {
    const registry = new ModelRegistry(log, '');
    expect(() => registry.acquire('', 0)).toThrow(/served models: none yet/);
    registry.install(fake('flowers', 1));
    registry.install(fake('pets', 4));
    expect(() => registry.acquire('', 0)).toThrow(/served_model_name: is empty but this service serves flowers, pets/);
    expect(() => registry.acquire('cars', 0)).toThrow(/model "cars": is not loaded here; served models: flowers, pets/);
    const err = (() => {
      try {
        registry.acquire('pets', 2);
      } catch (e) {
        return e as { kind: string; message: string };
      }
    })();
    expect(err).toMatchObject({ kind: 'not-found', message: 'model "pets" version 2: is not loaded; this service serves version 4' });
  });

  it('model registry - close waits for requests in flight, then disposes everything', async () => {
    const registry = new ModelRegistry(log, 'flowers');
    const v1 = fake('flowers', 1);
    registry.install(v1);
    const held = registry.acquire('', 0);
    let closed = false;
    const closing = registry.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(false);
    held.release();
    await closing;
    expect(v1.disposed()).toBe(true);
  });
});
