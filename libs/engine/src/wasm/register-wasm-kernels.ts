// The kernels Finetune adds to the wasm backend so every training mode can run on it.
import { getKernel, registerKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/DepthwiseConv2dNativeBackpropFilter';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/DepthwiseConv2dNativeBackpropInput';

/** Alphabetical. Gradients of Conv2D and DepthwiseConv2dNative need these; wasm 4.22 lacks them. */
export const wasmKernelConfigs: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
];

/**
 * Registers each missing kernel; one the wasm backend already has (a later tfjs) is left alone,
 * so calling this twice, or after an upgrade, is harmless. Returns the names registered.
 */
export function registerWasmKernels(): string[] {
  const registered: string[] = [];
  for (const config of wasmKernelConfigs) {
    if (getKernel(config.kernelName, config.backendName) !== undefined) continue;
    registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}
