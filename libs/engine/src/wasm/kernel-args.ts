// Reads kernel inputs and attributes from tfjs's untyped maps, checking each so no cast is needed.
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import { KernelArgumentError } from './kernel-errors';
import { wasmHeap, type WasmHeap } from './simd/wasm-heap-access';

export type Shape4D = [number, number, number, number];
export type Pair = [number, number];
export type Padding = 'valid' | 'same' | number | backend_util.ExplicitPadding;
export type RoundingMode = 'floor' | 'round' | 'ceil';

/** The backend a kernelFunc receives is typed `{}` by tfjs; every real backend can dispose data. */
export function kernelBackend(kernel: string, backend: object): KernelBackend {
  if (!isKernelBackend(backend)) {
    throw new KernelArgumentError(kernel, 'backend', 'is not a tfjs KernelBackend (no disposeData)');
  }
  return backend;
}

/** The wasm heap a SIMD kernel runs on; any other backend is an error naming the kernel. */
export function kernelHeap(kernel: string, backend: object): WasmHeap {
  const heap = wasmHeap(kernelBackend(kernel, backend));
  if (heap === undefined) throw new KernelArgumentError(kernel, 'backend', 'is not tfjs-backend-wasm 4.x (no heap to run on)');
  return heap;
}

function isKernelBackend(backend: object): backend is KernelBackend {
  return 'disposeData' in backend && typeof backend.disposeData === 'function';
}

/** A named float32 input of rank 4. */
export function input4D(kernel: string, inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const tensor = inputs[name];
  if (tensor === undefined) throw new KernelArgumentError(kernel, `input ${name}`, 'is missing');
  if (tensor.shape.length !== 4) {
    throw new KernelArgumentError(kernel, `input ${name}`, `must have rank 4, got shape [${tensor.shape}]`);
  }
  if (tensor.dtype !== 'float32') {
    throw new KernelArgumentError(kernel, `input ${name}`, `must be float32, got ${tensor.dtype}`);
  }
  return tensor;
}

/** The shape of a rank-4 input as the tuple `backend_util.computeConv2DInfo` wants. */
export function dims4D(tensor: TensorInfo): Shape4D {
  const [a = 0, b = 0, c = 0, d = 0] = tensor.shape;
  return [a, b, c, d];
}

/** `strides` or `dilations`: one positive integer or a pair; absent means 1. */
export function pairAttr(kernel: string, attrs: NamedAttrMap, name: string): Pair {
  const value = attrs[name];
  if (value === undefined || value === null) return [1, 1];
  if (isPositiveInt(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every(isPositiveInt)) return [value[0], value[1]];
  throw new KernelArgumentError(kernel, `attribute ${name}`, `must be a positive integer or a pair of them, got ${JSON.stringify(value)}`);
}

/** `pad`: 'same', 'valid', a number, or explicit [[0,0],[top,bottom],[left,right],[0,0]]. */
export function padAttr(kernel: string, attrs: NamedAttrMap): Padding {
  const value = attrs['pad'];
  if (value === 'same') return 'same';
  if (value === 'valid') return 'valid';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (Array.isArray(value) && value.length === 4) {
    const rows = value.map((row) => (Array.isArray(row) && row.length === 2 && row.every(isNonNegativeInt) ? row : null));
    const [n, h, w, c] = rows;
    if (n && h && w && c) return [[n[0], n[1]], [h[0], h[1]], [w[0], w[1]], [c[0], c[1]]];
  }
  throw new KernelArgumentError(kernel, 'attribute pad', `must be 'same', 'valid', a number or 4 pairs, got ${JSON.stringify(value)}`);
}

/** `dimRoundingMode`: optional. */
export function roundingAttr(kernel: string, attrs: NamedAttrMap): RoundingMode | undefined {
  const value = attrs['dimRoundingMode'];
  if (value === undefined || value === null) return undefined;
  if (value === 'floor') return 'floor';
  if (value === 'round') return 'round';
  if (value === 'ceil') return 'ceil';
  throw new KernelArgumentError(kernel, 'attribute dimRoundingMode', `must be floor, round or ceil, got ${JSON.stringify(value)}`);
}

/** `filterShape` or `inputShape`: four positive integers. */
export function shapeAttr(kernel: string, attrs: NamedAttrMap, name: string): Shape4D {
  const value = attrs[name];
  if (Array.isArray(value) && value.length === 4 && value.every(isPositiveInt)) {
    return [value[0], value[1], value[2], value[3]];
  }
  throw new KernelArgumentError(kernel, `attribute ${name}`, `must be 4 positive integers, got ${JSON.stringify(value)}`);
}

/** Only NHWC: the wasm convolutions it is built from reject NCHW too. */
export function requireChannelsLast(kernel: string, attrs: NamedAttrMap): void {
  const value = attrs['dataFormat'];
  if (value === undefined || value === null || value === 'NHWC') return;
  throw new KernelArgumentError(kernel, 'attribute dataFormat', `must be NHWC on wasm, got ${JSON.stringify(value)}`);
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A float32 input of exactly `shape`. */
export function floatInput(kernel: string, inputs: NamedTensorInfoMap, name: string, shape: readonly number[]): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new KernelArgumentError(kernel, `input ${name}`, 'is missing');
  if (t.dtype !== 'float32') throw new KernelArgumentError(kernel, `input ${name}`, `must be float32, got ${t.dtype}`);
  if (t.shape.join() !== shape.join()) throw new KernelArgumentError(kernel, `input ${name}`, `must have shape [${shape}], got [${t.shape}]`);
  return t;
}

/** A channels-last float32 activation whose channel count is a multiple of 4 (the SIMD width), and that count. */
export function simdActivation(kernel: string, inputs: NamedTensorInfoMap, name: string): { tensor: TensorInfo; channels: number } {
  const t = inputs[name];
  const channels = t?.shape[t.shape.length - 1] ?? 0;
  if (t === undefined || t.shape.length < 2 || channels === 0 || channels % 4 !== 0) {
    throw new KernelArgumentError(kernel, `input ${name}`, `must be channels-last with a multiple of 4 channels, got shape [${t?.shape ?? []}]`);
  }
  return { tensor: floatInput(kernel, inputs, name, t.shape), channels };
}

