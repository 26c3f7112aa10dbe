// FusedBatchNorm on wasm as one SIMD pass y = x * a + k, a and k folded per channel: the stock kernel walks the
// activation element by element and costs about as much as the convolution before it in a training step.
import { FusedBatchNorm, util } from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';
import { channelLoop } from '../simd/channel-loops';
import { wasmHeap } from '../simd/wasm-heap-access';

/**
 * The C floats of a per-channel input ([C] or [1, ..., 1, C]), `fill` when it is absent, or undefined when it
 * varies along another axis (then the stock kernel broadcasts it).
 */
function perChannel(backend: KernelBackend, t: TensorInfo | undefined, channels: number, fill: number): Float32Array | undefined {
  if (t === undefined) return new Float32Array(channels).fill(fill);
  const last = t.shape.length - 1;
  const alongLastAxis = t.shape.every((d, i) => d === (i === last ? channels : 1));
  if (t.dtype !== 'float32' || !alongLastAxis) return undefined;
  return backend.readSync(t.dataId) as Float32Array;
}

function override(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x, mean, variance, offset, scale } = args.inputs;
    const backend = kernelBackend(FusedBatchNorm, args.backend);
    const heap = wasmHeap(backend);
    const channels = x?.shape[x.shape.length - 1] ?? 0;
    if (!heap || !x || !mean || !variance || x.dtype !== 'float32' || channels === 0 || channels % 4 !== 0) return stock.kernelFunc(args);
    const m = perChannel(backend, mean, channels, 0);
    const v = perChannel(backend, variance, channels, 1);
    const g = perChannel(backend, scale, channels, 1);
    const b = perChannel(backend, offset, channels, 0);
    if (!m || !v || !g || !b) return stock.kernelFunc(args);
    const epsilon = typeof args.attrs?.varianceEpsilon === 'number' ? args.attrs.varianceEpsilon : 0.001;
    const folded = new Float32Array(2 * channels);
    for (let c = 0; c < channels; c++) {
      const a = g[c]! / Math.sqrt(v[c]! + epsilon);
      folded[c] = a;
      folded[channels + c] = b[c]! - m[c]! * a;
    }
    const coefficients = heap.write(folded, [2, channels]);
    const out = heap.makeOutput([...x.shape], 'float32');
    channelLoop(heap.memory, 'affine')(heap.address(x), heap.address(coefficients), heap.address(out), util.sizeFromShape(x.shape) / channels, channels * 4);
    heap.free(coefficients);
    return out;
  };
  return { ...stock, kernelFunc };
}

/** Float32 batch norm over the last axis with per-channel moments and parameters, channels a multiple of 4. */
export const fusedBatchNormOverride: KernelOverride = { kernelName: FusedBatchNorm, override };
