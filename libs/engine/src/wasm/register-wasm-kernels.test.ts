import { describe, expect, it } from 'vitest';
import { wasmKernelConfigs } from './register-wasm-kernels';

describe('wasm kernels', () => {
  it('wasm kernels - the list is alphabetical, targets wasm, and has no duplicates', () => {
    const names = wasmKernelConfigs.map((config) => config.kernelName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(wasmKernelConfigs.every((config) => config.backendName === 'wasm')).toBe(true);
  });
});
