// Cast on wasm to the dtype a tensor already has as a shared reference: the stock kernel copies it through JS, and
// tfjs casts float32 activations to float32 in moments and in several gradients.
import { Cast } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';

function override(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'];
    if (!x || x.dtype === 'string' || args.attrs?.['dtype'] !== x.dtype) return stock.kernelFunc(args);
    kernelBackend(Cast, args.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { ...stock, kernelFunc };
}

/** Casts that change nothing share the data; real conversions (bool to float32, ...) stay with the stock kernel. */
export const castOverride: KernelOverride = { kernelName: Cast, override };
