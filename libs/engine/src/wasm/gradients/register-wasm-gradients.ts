// Gradient functions Finetune puts in place of tfjs-core's where those are slow on the wasm backend.
import { getGradient, registerGradient } from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { batchMatMulGradConfig } from './BatchMatMul_grad';
import { fusedBatchNormGradConfig } from './FusedBatchNorm_grad';
import { meanGradConfig } from './Mean_grad';
import { minimumGradConfig } from './Minimum_grad';
import { reluGradConfig } from './Relu_grad';
import { squareGradConfig } from './Square_grad';

/** Alphabetical. Each computes the same values as tfjs-core's, with ops wasm runs fast. */
export const wasmGradientConfigs: readonly GradConfig[] = [
  batchMatMulGradConfig,
  fusedBatchNormGradConfig,
  meanGradConfig,
  minimumGradConfig,
  reluGradConfig,
  squareGradConfig,
];

/**
 * Replaces the gradients of wasmGradientConfigs. tfjs has one gradient registry for all backends, so call it only
 * where wasm is the backend (on tfjs-node the transposed matmuls are fast and the explicit transposes would be
 * waste). Idempotent; returns the kernel names replaced by this call.
 */
export function registerWasmGradients(): string[] {
  const replaced: string[] = [];
  for (const config of wasmGradientConfigs) {
    if (getGradient(config.kernelName) === config) continue;
    registerGradient(config);
    replaced.push(config.kernelName);
  }
  return replaced;
}
