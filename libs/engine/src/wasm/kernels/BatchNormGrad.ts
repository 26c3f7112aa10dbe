// BatchNormGrad: training batch norm's whole gradient (input, gamma, beta; the moments' paths folded in) in two
// SIMD passes over x and dy, the per-channel algebra between them done on C numbers, not as tensor ops.
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { floatInput, kernelHeap, simdActivation } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { channelLoop } from '../simd/channel-loops';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const BatchNormGrad = 'FinetuneBatchNormGrad';

/**
 * Inputs x, dy, and the batch's mean, variance and gamma ([C] each); attribute varianceEpsilon. With
 * rstd = 1 / sqrt(variance + epsilon), N values per channel, s1 = sum dy and s2 = sum dy * (x - mean):
 *   dbeta = s1, dgamma = rstd * s2,
 *   dx = gamma * rstd * (dy - s1 / N - (x - mean) * rstd^2 * s2 / N) = dy * a + x * b + k per channel.
 * Outputs [dx, dgamma, dbeta].
 */
function batchNormGrad(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo[] {
  const heap = kernelHeap(BatchNormGrad, args.backend);
  const { tensor: x, channels } = simdActivation(BatchNormGrad, args.inputs, 'x');
  const dy = floatInput(BatchNormGrad, args.inputs, 'dy', x.shape);
  const [mean, variance, gamma] = ['mean', 'variance', 'gamma'].map((name) => floatInput(BatchNormGrad, args.inputs, name, [channels])) as [TensorInfo, TensorInfo, TensorInfo];
  const epsilon = args.attrs?.['varianceEpsilon'];
  if (typeof epsilon !== 'number' || !(epsilon >= 0)) {
    throw new KernelArgumentError(BatchNormGrad, 'attribute varianceEpsilon', `must be a number >= 0, got ${JSON.stringify(epsilon)}`);
  }
  const rows = util.sizeFromShape(x.shape) / channels;
  const sums = heap.makeOutput([2, channels], 'float32');
  const temporaries = [sums];
  try {
    channelLoop(heap.memory, 'gradientSums')(heap.address(x), heap.address(dy), heap.address(mean), heap.address(sums), rows, channels * 4);
    const s = heap.read(sums, 2 * channels);
    const m = heap.read(mean, channels);
    const v = heap.read(variance, channels);
    const g = heap.read(gamma, channels);
    const coefficients = new Float32Array(3 * channels);
    const dgamma = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      const rstd = 1 / Math.sqrt(v[c]! + epsilon);
      const a = g[c]! * rstd;
      const b = (-a * rstd * rstd * s[channels + c]!) / rows;
      coefficients[c] = a;
      coefficients[channels + c] = b;
      coefficients[2 * channels + c] = (-a * s[c]!) / rows - b * m[c]!;
      dgamma[c] = rstd * s[channels + c]!;
    }
    const folded = heap.write(coefficients, [3, channels]);
    temporaries.push(folded);
    const dx = heap.makeOutput([...x.shape], 'float32');
    channelLoop(heap.memory, 'inputGradient')(heap.address(x), heap.address(dy), heap.address(folded), heap.address(dx), rows, channels * 4);
    return [dx, heap.write(dgamma, [channels]), heap.write(s.subarray(0, channels), [channels])];
  } finally {
    temporaries.forEach((t) => heap.free(t));
  }
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const batchNormGradConfig: KernelConfig = {
  kernelName: BatchNormGrad,
  backendName: 'wasm',
  kernelFunc: batchNormGrad,
};
