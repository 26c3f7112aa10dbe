// FusedBatchNorm's gradient by broadcasting: tfjs-core tiles each per-channel factor to the activation's full
// shape first, and wasm's Tile is the largest single cost of a MobileNetV2 training step (~25% of it).
import { FusedBatchNorm, add, backend_util, mul, neg, reshape, rsqrt, square, sub, sum, util } from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

/** `x` summed over the axes `shape` broadcasts along, in `shape`. */
function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  const axes = backend_util.getReductionAxes([...shape], x.shape);
  return axes.length === 0 ? x : reshape(sum(x, axes), [...shape]);
}

/**
 * The partial derivatives tfjs-core's batchNormGradConfig returns (mean and variance as inputs of their own;
 * the tape chains them to the moments that produced them), with `scale` absent meaning 1.
 */
export const fusedBatchNormGradConfig: GradConfig = {
  kernelName: FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [x, mean, variance, scale] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
    const epsilon = typeof attrs.varianceEpsilon === 'number' ? attrs.varianceEpsilon : 0.001;
    const rstd = rsqrt(add(variance, epsilon));
    const factor = scale ? mul(rstd, scale) : rstd;
    const centred = () => sub(x, mean);
    return {
      x: () => mul(d, factor),
      mean: () => neg(mul(sumTo(d, mean.shape), factor)),
      variance: () => mul(sumTo(mul(d, centred()), variance.shape), mul(mul(factor, square(rstd)), -0.5)),
      offset: () => sumTo(d, mean.shape),
      scale: () => {
        const shape = scale?.shape ?? mean.shape;
        // With rstd per channel (as the nets have it) it is applied after the sum: no pass over the activation.
        return rstd.size === util.sizeFromShape(shape)
          ? mul(sumTo(mul(d, centred()), shape), reshape(rstd, shape))
          : sumTo(mul(mul(d, centred()), rstd), shape);
      },
    };
  },
};
