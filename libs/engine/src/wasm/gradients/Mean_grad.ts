// Mean's gradient with the 1/count folded into the small upstream gradient: tfjs-core divides after broadcasting,
// a pass over the whole activation for each of the two means in every training-mode batch norm's moments.
import { Mean, backend_util, div, mul, ones, reshape, util } from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

/** Same values as tfjs-core's meanGradConfig up to rounding (dy/count broadcast, not broadcast dy divided). */
export const meanGradConfig: GradConfig = {
  kernelName: Mean,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [x] = saved as [Tensor];
    const axisAttr = attrs.axis;
    const axes = util.parseAxisParam(typeof axisAttr === 'number' || Array.isArray(axisAttr) ? (axisAttr as number | number[]) : [...x.shape.keys()], x.shape);
    const [, reduceShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
    const count = util.sizeFromShape(reduceShape);
    return {
      x: () => {
        const keptShape = x.shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
        return mul(reshape(div(d, count), keptShape), ones(x.shape, 'float32'));
      },
    };
  },
};
