// Minimum on wasm with a scalar as ClipByValue: tfjs-layers' relu6 is minimum(6, relu(x)), and wasm's Minimum takes
// its broadcasting path for the scalar (~4x the cost of the unary clamp) on every MobileNetV2 activation.
import { ClipByValue, Minimum, backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';
import { KernelScope } from '../kernel-scope';

/** The finite value of a float32 one-element tensor, else undefined. */
function finiteScalar(backend: KernelBackend, x: TensorInfo): number | undefined {
  if (x.dtype !== 'float32' || util.sizeFromShape(x.shape) !== 1) return undefined;
  const [value] = backend.readSync(x.dataId) as Float32Array;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function override(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { a, b } = args.inputs;
    if (!a || !b || a.dtype !== 'float32' || b.dtype !== 'float32') return stock.kernelFunc(args);
    const backend = kernelBackend(Minimum, args.backend);
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    // The tensor operand must already have the output's shape: a scalar of higher rank would reshape it.
    const [tensor, bound] = b.shape.join() === outShape.join() ? [b, finiteScalar(backend, a)] : [a, a.shape.join() === outShape.join() ? finiteScalar(backend, b) : undefined];
    if (bound === undefined) return stock.kernelFunc(args);
    const scope = new KernelScope(backend, 'wasm', Minimum);
    try {
      return scope.finish(scope.run(ClipByValue, { x: tensor }, { clipValueMin: Number.NEGATIVE_INFINITY, clipValueMax: bound }));
    } catch (error) {
      scope.abandon();
      throw error;
    }
  };
  return { ...stock, kernelFunc };
}

/** Float32 minimum of a tensor and a finite scalar (either side) as one clamp. */
export const minimumOverride: KernelOverride = { kernelName: Minimum, override };
