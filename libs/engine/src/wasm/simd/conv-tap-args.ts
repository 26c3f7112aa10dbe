// The arguments both dense-gradient tap loops take after their three heap addresses: the convolution's shape,
// strides and padding, read off tfjs' Conv2DInfo in one order, the order of the loops' parameters.
import type { backend_util } from '@tensorflow/tfjs-core';

/** A tap loop: three byte addresses on the heap, then the shape arguments of convTapArgs in order. */
export type TapLoop = (a: number, b: number, out: number, ...shape: ConvTapArgs) => void;

export type ConvTapArgs = [
  batch: number, inHeight: number, inWidth: number, inChannels: number, outHeight: number, outWidth: number, outChannels: number,
  filterHeight: number, filterWidth: number, strideHeight: number, strideWidth: number, top: number, left: number,
];

export function convTapArgs(info: backend_util.Conv2DInfo): ConvTapArgs {
  return [
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth, info.outChannels,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  ];
}
