// Relu's gradient without the float32-to-float32 cast tfjs-core wraps round the mask: on wasm that cast is a full
// copy through JS, on every activation of the net.
import { Relu, cast, mul, step } from '@tensorflow/tfjs-core';
import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';

/** Same values as tfjs-core's reluGradConfig: dy where x > 0, else 0. */
export const reluGradConfig: GradConfig = {
  kernelName: Relu,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [x] = saved as [Tensor];
    return {
      x: () => {
        const mask = step(x);
        return mul(d, mask.dtype === 'float32' ? mask : cast(mask, 'float32'));
      },
    };
  },
};
