// BatchMoments: a batch's per-channel mean and (biased) variance in two SIMD passes over the activation, the second
// about the first's mean (the corrected two-pass formula, as stable as tf.moments, which takes four passes).
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelHeap, simdActivation } from '../kernel-args';
import { channelLoop } from '../simd/channel-loops';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const BatchMoments = 'FinetuneBatchMoments';

/** [mean, variance], each [C], over every axis but the last. */
function batchMoments(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo[] {
  const heap = kernelHeap(BatchMoments, args.backend);
  const { tensor: x, channels } = simdActivation(BatchMoments, args.inputs, 'x');
  const rows = util.sizeFromShape(x.shape) / channels;
  const sums = heap.makeOutput([2, channels], 'float32');
  const temporaries = [sums];
  /** [sum of x - shift, sum of its squares] per channel. */
  const sumsAbout = (shiftValues: Float32Array) => {
    const shift = heap.write(shiftValues, [channels]);
    temporaries.push(shift);
    channelLoop(heap.memory, 'shiftedSums')(heap.address(x), heap.address(shift), heap.address(sums), rows, channels * 4);
    return heap.read(sums, 2 * channels);
  };
  try {
    const rough = sumsAbout(new Float32Array(channels)).subarray(0, channels).map((s) => s / rows);
    const about = sumsAbout(rough);
    const mean = new Float32Array(channels);
    const variance = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      const offset = about[c]! / rows;
      mean[c] = rough[c]! + offset;
      variance[c] = Math.max(0, about[channels + c]! / rows - offset * offset);
    }
    return [heap.write(mean, [channels]), heap.write(variance, [channels])];
  } finally {
    temporaries.forEach((t) => heap.free(t));
  }
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const batchMomentsConfig: KernelConfig = {
  kernelName: BatchMoments,
  backendName: 'wasm',
  kernelFunc: batchMoments,
};
