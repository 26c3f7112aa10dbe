// The kernels Finetune adds to the wasm backend so every training mode can run on it, and those it replaces.
import { Conv2DBackpropInput, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { KernelOverride } from './kernel-override';
import { batchMomentsConfig } from './kernels/BatchMoments';
import { batchNormGradConfig } from './kernels/BatchNormGrad';
import { relu6GradConfig } from './kernels/Relu6Grad';
import { composedConv2DBackpropFilterConfig, conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/DepthwiseConv2dNativeBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/DepthwiseConv2dNativeBackpropInput';
import { castOverride } from './overrides/Cast';
import { conv2DBackpropInputOverride } from './overrides/Conv2DBackpropInput';
import { fusedBatchNormOverride } from './overrides/FusedBatchNorm';
import { identityOverride } from './overrides/Identity';
import { meanOverride } from './overrides/Mean';
import { minimumOverride } from './overrides/Minimum';
import { sumOverride } from './overrides/Sum';

/**
 * Alphabetical by kernel name. Gradients of Conv2D and DepthwiseConv2dNative need the first three; wasm 4.22 lacks
 * them. The Finetune ones are Finetune's own: the training tape runs them where registered, tfjs ops elsewhere.
 */
export const wasmKernelConfigs: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  batchMomentsConfig,
  batchNormGradConfig,
  relu6GradConfig,
];

/** Alphabetical. Stock wasm kernels replaced for the inputs where they are slow (each falls back to the stock one). */
export const wasmKernelOverrides: readonly KernelOverride[] = [
  castOverride,
  conv2DBackpropInputOverride,
  fusedBatchNormOverride,
  identityOverride,
  meanOverride,
  minimumOverride,
  sumOverride,
];

/** The replacements installed, so a second call neither wraps a wrapper nor re-registers. */
const installed = new WeakSet<KernelConfig>();
/** The stock kernel each installed override replaced, by kernel name. */
const stockKernels = new Map<string, KernelConfig>();

/**
 * Registers each missing kernel; one the wasm backend already has (a later tfjs) is left alone,
 * so calling this twice, or after an upgrade, is harmless. Then puts each override in place of the stock
 * kernel (only where wasm has one, and once). Returns the names registered or replaced.
 */
export function registerWasmKernels(): string[] {
  const registered: string[] = [];
  for (const config of wasmKernelConfigs) {
    if (getKernel(config.kernelName, config.backendName) !== undefined) continue;
    registerKernel(config);
    registered.push(config.kernelName);
  }
  for (const { kernelName, override } of wasmKernelOverrides) {
    const stock = getKernel(kernelName, 'wasm');
    if (stock === undefined || installed.has(stock)) continue;
    const replacement = override(stock);
    installed.add(replacement);
    stockKernels.set(kernelName, stock);
    // registerKernel alone would warn about the duplicate; the stock kernel stays reachable through the closure.
    unregisterKernel(kernelName, 'wasm');
    registerKernel(replacement);
    registered.push(kernelName);
  }
  return registered;
}

function swapIn(config: KernelConfig): void {
  unregisterKernel(config.kernelName, config.backendName);
  registerKernel(config);
}

/**
 * Runs `f` (synchronous) with wasm's stock kernels back in place of the overrides, then reinstalls the overrides:
 * the bench's baseline is tfjs-backend-wasm as shipped. The kernels Finetune adds stay (stock wasm has none).
 */
export function withStockWasmKernels<T>(f: () => T): T {
  const overrides = [...stockKernels.keys()].map((name) => getKernel(name, 'wasm')!);
  stockKernels.forEach(swapIn);
  try {
    return f();
  } finally {
    overrides.forEach(swapIn);
  }
}

/**
 * Runs `f` with the dense convolution gradients as they were before their SIMD pass — the filter gradient as an
 * XNNPACK convolution of transposed tensors, the input gradient as wasm's own scalar loop — then puts the current
 * ones back (when `f`'s promise settles, if it returns one): the baseline of the kernel bench and of the same-seed
 * loss test. Kernels are looked up per call, so nothing else may run on wasm meanwhile.
 */
export function withComposedConvGradients<T>(f: () => T): T {
  const current = [conv2DBackpropFilterConfig.kernelName, Conv2DBackpropInput].map((name) => getKernel(name, 'wasm')!);
  const stockInput = stockKernels.get(Conv2DBackpropInput);
  const restore = () => current.forEach(swapIn);
  swapIn(composedConv2DBackpropFilterConfig);
  if (stockInput) swapIn(stockInput);
  let result: T;
  try {
    result = f();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
