// Identity on wasm as a shared reference: the stock kernel copies the whole tensor through JS (tensors are
// immutable and the backend counts references, as the cpu backend's Identity and every Reshape rely on).
import { Identity } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';

function override(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'];
    // Strings live in JS, not on the wasm heap; the stock kernel handles them.
    if (!x || x.dtype === 'string') return stock.kernelFunc(args);
    kernelBackend(Identity, args.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { ...stock, kernelFunc };
}

/** Every non-string Identity (tf.clone, gradient plumbing) without copying the data. */
export const identityOverride: KernelOverride = { kernelName: Identity, override };
