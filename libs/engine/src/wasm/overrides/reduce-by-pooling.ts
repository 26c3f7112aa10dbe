// Sums or averages over a block of adjacent non-innermost axes as one XNNPACK average pooling.
import { AvgPool, Fill, Multiply, Reshape, backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';
import { KernelScope } from '../kernel-scope';

/** `x` viewed as [outer, reduced, inner]: the reduction then runs over the middle axis. */
export interface ReductionBlock {
  outer: number;
  reduced: number;
  inner: number;
  /** The result's shape as the stock kernel gives it (keepDims honoured). */
  outShape: number[];
}

/**
 * The block form of a reduction of float32 `x` over `axis`, or undefined where the stock kernel is as good:
 * the axes reach the innermost one (no transpose there), are not adjacent, or reduce nothing.
 */
export function reductionBlock(x: TensorInfo, attrs: NamedAttrMap): ReductionBlock | undefined {
  if (x.dtype !== 'float32') return undefined;
  const rank = x.shape.length;
  const axisAttr = attrs['axis'];
  const axisValue = typeof axisAttr === 'number' || (Array.isArray(axisAttr) && axisAttr.every((a) => typeof a === 'number')) ? axisAttr : undefined;
  if (axisValue === undefined || rank === 0) return undefined;
  const axes = [...new Set(util.parseAxisParam(axisValue, x.shape))].sort((a, b) => a - b);
  const first = axes[0];
  const last = axes[axes.length - 1];
  if (first === undefined || last === undefined || last === rank - 1 || last - first + 1 !== axes.length) return undefined;
  const size = (from: number, to: number) => util.sizeFromShape(x.shape.slice(from, to));
  const reduced = size(first, last + 1);
  if (reduced <= 1) return undefined;
  const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  return {
    outer: size(0, first),
    reduced,
    inner: size(last + 1, rank),
    outShape: attrs['keepDims'] === true ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape,
  };
}

/**
 * The mean of `x` over the block's middle axis, times `scale`: `x` as [outer, reduced, 1, inner] images pooled by
 * one window the height of the image. XNNPACK streams `x` once; a matmul with a ones row measured no faster than the
 * stock kernel, because wasm's BatchMatMul repacks its (here huge) right operand on every call.
 */
export function reduceByPooling(scope: KernelScope, x: TensorInfo, block: ReductionBlock, scale: number): TensorInfo {
  const images = scope.run(Reshape, { x }, { shape: [block.outer, block.reduced, 1, block.inner] });
  const pooled = scope.run(AvgPool, { x: images }, { filterSize: [block.reduced, 1], strides: [1, 1], pad: 'valid' });
  const scaled = scale === 1 ? pooled : scope.run(Multiply, { a: pooled, b: scope.run(Fill, {}, { shape: [], value: scale, dtype: 'float32' }) });
  return scope.run(Reshape, { x: scaled }, { shape: block.outShape });
}

/** Sum (`average` false) or Mean (true) through reduceByPooling where reductionBlock allows, else the stock kernel. */
export function poolingReduction(kernelName: string, average: boolean): KernelOverride {
  const override = (stock: KernelConfig): KernelConfig => {
    const kernelFunc: KernelFunc = (args) => {
      const x = args.inputs['x'];
      const block = x && reductionBlock(x, args.attrs ?? {});
      if (!x || !block) return stock.kernelFunc(args);
      const scope = new KernelScope(kernelBackend(kernelName, args.backend), 'wasm', kernelName);
      try {
        return scope.finish(reduceByPooling(scope, x, block, average ? 1 : block.reduced));
      } catch (error) {
        scope.abandon();
        throw error;
      }
    };
    return { ...stock, kernelFunc };
  };
  return { kernelName, override };
}
