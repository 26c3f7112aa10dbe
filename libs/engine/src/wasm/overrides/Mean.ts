// Mean on wasm without the transpose: batch norm in training takes the moments of [N,H,W,C] activations over
// N,H,W, and the stock kernel transposes the whole tensor first (~10x the cost of pooling it).
import { Mean } from '@tensorflow/tfjs-core';
import { poolingReduction } from './reduce-by-pooling';

/** Float32 means over adjacent non-innermost axes as one average pooling. */
export const meanOverride = poolingReduction(Mean, true);
