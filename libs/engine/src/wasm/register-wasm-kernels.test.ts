import { getKernel } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initWasmAndCpu } from '../testing';
import { wasmKernelConfigs, wasmKernelOverrides, withStockWasmKernels } from './register-wasm-kernels';

describe('wasm kernels', () => {
  it('wasm kernels - the list is alphabetical, targets wasm, and has no duplicates', () => {
    const names = wasmKernelConfigs.map((config) => config.kernelName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(wasmKernelConfigs.every((config) => config.backendName === 'wasm')).toBe(true);
  });

  it('wasm kernels - the overrides are alphabetical, unique, and none replaces a kernel Finetune adds', () => {
    const names = wasmKernelOverrides.map((o) => o.kernelName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    const added = new Set(wasmKernelConfigs.map((config) => config.kernelName));
    expect(names.filter((name) => added.has(name))).toEqual([]);
  });

  it('wasm kernels - withStockWasmKernels runs with the stock kernels and puts the overrides back, after a throw too', async () => {
    await initWasmAndCpu();
    const names = wasmKernelOverrides.map((o) => o.kernelName);
    const installed = names.map((name) => getKernel(name, 'wasm'));
    const inside = withStockWasmKernels(() => names.map((name) => getKernel(name, 'wasm')));
    inside.forEach((kernel, i) => expect(kernel, names[i]).not.toBe(installed[i]));
    expect(() => withStockWasmKernels(() => { throw new Error('boom'); })).toThrow('boom');
    names.forEach((name, i) => expect(getKernel(name, 'wasm'), name).toBe(installed[i]));
    // The kernels Finetune adds stay: the stock backend has none to put back.
    withStockWasmKernels(() => wasmKernelConfigs.forEach((c) => expect(getKernel(c.kernelName, 'wasm'), c.kernelName).toBeDefined()));
  });
});
