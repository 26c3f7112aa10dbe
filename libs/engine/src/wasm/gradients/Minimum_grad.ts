// Minimum's gradient where the first operand is a scalar, as tfjs-layers' relu6 = minimum(6, relu(x)) has it:
// tfjs-core builds the mask with Greater, which wasm runs through its slow broadcasting path, then casts it in JS.
import { Minimum, cast, greater, lessEqual, mul, step, sub } from '@tensorflow/tfjs-core';
import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';

/**
 * Same values as tfjs-core's minimumGradConfig (ties go to `a`). For a one-element `a`, [a > b] is step(a - b):
 * a float32 difference of two unequal finite numbers is never 0 (wasm keeps subnormals), and infinities keep
 * their sign.
 */
export const minimumGradConfig: GradConfig = {
  kernelName: Minimum,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [a, b] = saved as [Tensor, Tensor];
    const scalarA = a.size === 1 && a.dtype === 'float32' && b.dtype === 'float32';
    return {
      a: () => mul(d, cast(lessEqual(a, b), 'float32')),
      b: () => (scalarA ? mul(d, step(sub(a, b))) : mul(d, cast(greater(a, b), 'float32'))),
    };
  },
};
