// The depthwise convolution's two gradients as one pass of wasm SIMD over the tensors, where they lie on the heap.
// Built from stock kernels, the filter gradient is an XNNPACK depthwise convolution whose "filter" is dy itself
// (112x112 taps and more), run as a grouped GEMM at 10-20x the forward convolution's cost, and the strided input
// gradient convolves a zero-stuffed dy; this loop visits each (pixel, tap) pair once, as the forward pass does.
import type { backend_util } from '@tensorflow/tfjs-core';
import { Asm } from './wasm-assembler';
import { instantiateOn } from './wasm-instances';
import type { WasmMemory } from './webassembly';

type TapLoop = (
  image: number, dy: number, taps: number, batch: number, inHeight: number, inWidth: number, channelBytes: number,
  outHeight: number, outWidth: number, filterHeight: number, filterWidth: number,
  strideHeight: number, strideWidth: number, dilationHeight: number, dilationWidth: number, top: number, left: number,
) => void;

/** Which operand the loop sums into: the filter's taps (filter gradient) or the image (input gradient). */
type Accumulated = 'taps' | 'image';

/**
 * For every output pixel (b, oh, ow) and every tap (i, j) whose input pixel (oh*sh+i*dh-top, ow*sw+j*dw-left)
 * is inside the image, and every channel c:
 *   taps:  taps[i,j,c]      += image[b,row,column,c] * dy[b,oh,ow,c]   (the filter gradient)
 *   image: image[b,row,column,c] += taps[i,j,c]      * dy[b,oh,ow,c]   (the input gradient)
 * The accumulated operand is zeroed first. Four channels per SIMD lane group: channels must be a multiple of 4.
 */
function program(accumulated: Accumulated): Uint8Array {
  const asm = new Asm(17);
  const [image, dy, taps, batch, inHeight, inWidth, channelBytes, outHeight, outWidth, filterHeight, filterWidth,
    strideHeight, strideWidth, dilationHeight, dilationWidth, top, left] = Array.from({ length: 17 }, (_, i) => asm.param(i));
  const [b, oh, ow, i, j, row, column, c, imageAt, dyAt, tapAt] = Array.from({ length: 11 }, () => asm.local());
  const [sumAt, factorAt] = accumulated === 'taps' ? [tapAt, imageAt] : [imageAt, tapAt];

  if (accumulated === 'taps') asm.get(taps).const(0).get(filterHeight).get(filterWidth).mul().get(channelBytes).mul().fill();
  else asm.get(image).const(0).get(batch).get(inHeight).mul().get(inWidth).mul().get(channelBytes).mul().fill();
  asm.loop(b, 0, batch, 1, () => asm.loop(oh, 0, outHeight, 1, () => asm.loop(ow, 0, outWidth, 1, () => {
    asm.let(dyAt, () => asm.get(b).get(outHeight).mul().get(oh).add().get(outWidth).mul().get(ow).add()
      .get(channelBytes).mul().get(dy).add());
    asm.loop(i, 0, filterHeight, 1, () => {
      asm.let(row, () => asm.get(oh).get(strideHeight).mul().get(i).get(dilationHeight).mul().add().get(top).sub());
      asm.when(() => asm.get(row).get(inHeight).ltU(), () => asm.loop(j, 0, filterWidth, 1, () => {
        asm.let(column, () => asm.get(ow).get(strideWidth).mul().get(j).get(dilationWidth).mul().add().get(left).sub());
        asm.when(() => asm.get(column).get(inWidth).ltU(), () => {
          asm.let(imageAt, () => asm.get(b).get(inHeight).mul().get(row).add().get(inWidth).mul().get(column).add()
            .get(channelBytes).mul().get(image).add());
          asm.let(tapAt, () => asm.get(i).get(filterWidth).mul().get(j).add().get(channelBytes).mul().get(taps).add());
          asm.loop(c, 0, channelBytes, 16, () => {
            asm.get(sumAt).get(c).add();
            asm.get(sumAt).get(c).add().v128Load();
            asm.get(factorAt).get(c).add().v128Load().get(dyAt).get(c).add().v128Load().f32x4Mul();
            asm.f32x4Add().v128Store();
          });
        });
      }));
    });
  })));
  return asm.module('tapLoop');
}

const filterGradient = () => program('taps');
const inputGradient = () => program('image');

function run(memory: WasmMemory, accumulated: Accumulated, info: backend_util.Conv2DInfo, image: number, dy: number, taps: number): void {
  instantiateOn<TapLoop>(memory, accumulated === 'taps' ? filterGradient : inputGradient, 'tapLoop')(
    image, dy, taps, info.batchSize, info.inHeight, info.inWidth, info.inChannels * 4,
    info.outHeight, info.outWidth, info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left,
  );
}

/** Whether the SIMD loop covers this convolution: one filter per channel, channels a multiple of 4. */
export function tapLoopCovers(info: backend_util.Conv2DInfo): boolean {
  return info.outChannels === info.inChannels && info.inChannels % 4 === 0;
}

/** Writes the filter gradient to `out` from `x` and `dy` (byte addresses on `memory`). */
export function depthwiseFilterGradient(memory: WasmMemory, info: backend_util.Conv2DInfo, at: { x: number; dy: number; out: number }): void {
  run(memory, 'taps', info, at.x, at.dy, at.out);
}

/** Writes the input gradient to `out` from `dy` and `filter` (byte addresses on `memory`). */
export function depthwiseInputGradient(memory: WasmMemory, info: backend_util.Conv2DInfo, at: { dy: number; filter: number; out: number }): void {
  run(memory, 'image', info, at.out, at.dy, at.filter);
}
