import { getBackend, getKernel } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { backendName, initBackend } from './backend';
import { BackendConflictError, UnknownBackendError } from './backend-errors';

describe('initBackend', () => {
  it('initBackend - rejects an unknown FINETUNE_BACKEND before loading anything', async () => {
    await expect(initBackend({ env: { FINETUNE_BACKEND: 'webgpu' } })).rejects.toThrow(UnknownBackendError);
    expect(backendName()).toBeUndefined();
  });

  it('initBackend - wasm forced: loads from the installed package and registers the missing kernels', async () => {
    const choice = await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    expect(choice).toEqual({ name: 'wasm', reason: 'forced by FINETUNE_BACKEND=wasm' });
    expect(backendName()).toBe('wasm');
    expect(getBackend()).toBe('wasm');
    for (const kernel of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']) {
      expect(getKernel(kernel, 'wasm'), kernel).toBeDefined();
    }
  });

  it('initBackend - is idempotent and refuses to switch to another forced backend', async () => {
    const first = await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    expect(await initBackend({ env: {} })).toBe(first);
    await expect(initBackend({ env: { FINETUNE_BACKEND: 'cpu' } })).rejects.toThrow(BackendConflictError);
  });
});
