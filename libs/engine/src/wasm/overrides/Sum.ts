// Sum on wasm without the transpose: the stock kernel moves the reduced axes innermost first, and the batch-norm
// gradients sum [N,H,W,C] activations over N,H,W (one transpose of the whole tensor per sum).
import { Sum } from '@tensorflow/tfjs-core';
import { poolingReduction } from './reduce-by-pooling';

/** Float32 sums over adjacent non-innermost axes (e.g. [0,1,2] of NHWC) as one average pooling, times the count. */
export const sumOverride = poolingReduction(Sum, false);
