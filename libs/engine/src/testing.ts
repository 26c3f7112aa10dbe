// Test helpers: run one kernel on cpu and on wasm with the same seeded inputs and compare. Not exported.
// The union package registers the cpu backend and every gradient function (tfjs-core alone has none).
import '@tensorflow/tfjs';
import { engine, grad, setBackend, sum, tensor, tidy } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor, backend_util } from '@tensorflow/tfjs-core';
import { initBackend } from './backend';

export interface HostTensor {
  shape: number[];
  values: Float32Array;
}

/** Initialises wasm with the added kernels once; cpu is always registered by the import above. */
export async function initWasmAndCpu(): Promise<void> {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
}

/** Uniform values in [-1, 1) from a fixed seed (mulberry32), so failures reproduce. */
export function randomTensor(shape: number[], seed: number): HostTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return { shape, values };
}

/** Values in [0.5, 2.5) from a fixed seed: variances and scales, as batch norm has them. */
export function positiveTensor(shape: number[], seed: number): HostTensor {
  return { shape, values: randomTensor(shape, seed).values.map((v) => v + 1.5) };
}

/** Runs `kernelName` through the engine on `backendName` and copies the result out. */
export async function runKernelOn(
  backendName: 'cpu' | 'wasm',
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<HostTensor> {
  await setBackend(backendName);
  return tidy(() => {
    const named: Record<string, Tensor> = {};
    for (const [name, host] of Object.entries(inputs)) named[name] = tensor(host.values, host.shape);
    const out = engine().runKernel(kernelName, named, attrs);
    const single = Array.isArray(out) ? out[0] : out;
    if (single === undefined) throw new Error(`${kernelName} returned nothing`);
    return { shape: single.shape, values: Float32Array.from(single.dataSync()) };
  });
}

/** Gradients of `f` with respect to each input, on `backendName`. */
export async function gradientsOn(
  backendName: 'cpu' | 'wasm',
  f: (...inputs: Tensor[]) => Tensor,
  inputs: HostTensor[],
): Promise<HostTensor[]> {
  await setBackend(backendName);
  return tidy(() => {
    const tensors = inputs.map((host) => tensor(host.values, host.shape));
    return tensors.map((_, which) => {
      const partial = grad((t: Tensor) => sum(f(...tensors.map((other, i) => (i === which ? t : other)))));
      const g = partial(tensors[which] ?? tensors[0]!);
      return { shape: g.shape, values: Float32Array.from(g.dataSync()) };
    });
  });
}

/** Paddings every kernel test covers: both named ones, a number, and uneven explicit amounts. */
export const TEST_PADS: readonly ('same' | 'valid' | number | backend_util.ExplicitPadding)[] = [
  'same',
  'valid',
  1,
  [[0, 0], [2, 1], [0, 2], [0, 0]],
];

/**
 * A [h, w, c, m] filter with dilation-1 zeros between its taps: a dilated convolution equals an
 * undilated one with this filter, which is how dilation is checked against cpu kernels that ignore it.
 */
export function dilateFilter(filter: HostTensor, dilation: number): HostTensor {
  const [h = 0, w = 0, c = 0, m = 0] = filter.shape;
  const eh = (h - 1) * dilation + 1;
  const ew = (w - 1) * dilation + 1;
  const values = new Float32Array(eh * ew * c * m);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const from = (i * w + j) * c * m;
      values.set(filter.values.subarray(from, from + c * m), (i * dilation * ew + j * dilation) * c * m);
    }
  }
  return { shape: [eh, ew, c, m], values };
}

/** The taps of an undilated filter gradient that a dilated filter actually has: every d-th row and column. */
export function undilateFilter(filter: HostTensor, dilation: number): HostTensor {
  const [eh = 0, ew = 0, c = 0, m = 0] = filter.shape;
  const h = (eh - 1) / dilation + 1;
  const w = (ew - 1) / dilation + 1;
  const values = new Float32Array(h * w * c * m);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const from = (i * dilation * ew + j * dilation) * c * m;
      values.set(filter.values.subarray(from, from + c * m), (i * w + j) * c * m);
    }
  }
  return { shape: [h, w, c, m], values };
}

/** max |actual - expected| / max |expected|: one number per tensor, robust to near-zero entries. */
export function relativeError(actual: HostTensor, expected: HostTensor): number {
  if (actual.shape.join() !== expected.shape.join()) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.values.length; i++) {
    diff = Math.max(diff, Math.abs((actual.values[i] ?? Number.NaN) - (expected.values[i] ?? 0)));
    scale = Math.max(scale, Math.abs(expected.values[i] ?? 0));
  }
  return Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff / Math.max(scale, 1e-30);
}
