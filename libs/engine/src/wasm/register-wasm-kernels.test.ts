import { describe, expect, it } from 'vitest';
import { wasmKernelConfigs, wasmKernelOverrides } from './register-wasm-kernels';

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
});
