// Square's gradient without tfjs-core's float32-to-float32 cast of x, a full copy through JS on wasm; batch norm's
// moments square every activation in training mode.
import { Square, cast, mul } from '@tensorflow/tfjs-core';
import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';

/** Same values as tfjs-core's squareGradConfig: dy * 2x. */
export const squareGradConfig: GradConfig = {
  kernelName: Square,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [x] = saved as [Tensor];
    return { x: () => mul(d, mul(x.dtype === 'float32' ? x : cast(x, 'float32'), 2)) };
  },
};
