// The dense convolution's input gradient as one pass of wasm SIMD over dy and the filter, where they lie on the heap.
// wasm's own Conv2DBackpropInput is a scalar loop (4-13x the forward pass on InceptionV3's layers); a convolution of
// zero-stuffed dy wastes three quarters of its work at stride 2. Here each output row's pixels gather their taps
// directly: for a tap, dx[pixel, ci] += sum over co of dy[pixel', co] * W[i,j,ci,co], 4 pixels x 8 ci in registers.
import type { backend_util } from '@tensorflow/tfjs-core';
import type { Local, Vector } from './wasm-assembler';
import { columnInterval } from './dense-tap-loop';
import { convTapArgs, tapLoopAssembler, type TapLoop } from './conv-tap-args';
import { instantiateOn } from './wasm-instances';
import type { WasmMemory } from './webassembly';

/** Pixels and SIMD vectors of input channels (4 each) one register block sums: 8 sums, 11 registers live. */
const PIXELS = 4;
const VECTORS = 2;

/**
 * dx[b, oh*sh+i-top, ow*sw+j-left, ci] += sum over co of dy[b,oh,ow,co] * Wt[i,j,co,ci] for every (b, oh, ow) and
 * tap inside the image, dx zeroed first; Wt is the filter with its channel axes swapped, so a tap's row for one co
 * is contiguous in ci. Per tap and output row, the loop takes the input channels a block of 8 at a time (outer,
 * so that block's column of Wt stays in cache) and the row's pixels 4 at a time. Input channels: a multiple of 4.
 */
function program(): Uint8Array {
  const { asm, params } = tapLoopAssembler(['dy', 'filterT', 'dx']);
  const { dy, filterT, dx, batch, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth,
    strideHeight, strideWidth, top, left } = params;
  const [b, oh, i, j, row, owStart, owEnd, n, nMain, dxRow, dyRow, tap, ci0, ciMain, p0, k, pw, ciBytes, coBytes, dxStep, tmp] =
    Array.from({ length: 21 }, () => asm.local());
  const at: Local[] = Array.from({ length: PIXELS }, () => asm.local());
  const pd: Local[] = Array.from({ length: PIXELS }, () => asm.local());
  const acc: Vector[] = Array.from({ length: PIXELS * VECTORS }, () => asm.vector());
  const w: Vector[] = Array.from({ length: VECTORS }, () => asm.vector());
  const s = asm.vector();

  /** `pixels` pixels from p0 and `vectors` x 4 input channels from ci0, summed over every output channel. */
  const block = (pixels: number, vectors: number) => {
    for (let p = 0; p < pixels; p++) {
      asm.let(at[p]!, () => asm.get(p0).const(p).add().get(dxStep).mul().get(ci0).const(4).mul().add().get(dxRow).add());
      asm.let(pd[p]!, () => asm.get(p0).const(p).add().get(coBytes).mul().get(dyRow).add());
      for (let v = 0; v < vectors; v++) asm.let(acc[p * VECTORS + v]!, () => asm.get(at[p]!).v128Load(16 * v));
    }
    asm.let(pw, () => asm.get(ci0).const(4).mul().get(tap).add());
    asm.loop(k, 0, outChannels, 1, () => {
      for (let v = 0; v < vectors; v++) asm.let(w[v]!, () => asm.get(pw).v128Load(16 * v));
      for (let p = 0; p < pixels; p++) {
        asm.let(s, () => asm.get(pd[p]!).v128Load32Splat());
        for (let v = 0; v < vectors; v++) {
          const sum = acc[p * VECTORS + v]!;
          asm.let(sum, () => asm.get(sum).get(s).get(w[v]!).f32x4Mul().f32x4Add());
        }
        asm.let(pd[p]!, () => asm.get(pd[p]!).const(4).add());
      }
      asm.let(pw, () => asm.get(pw).get(ciBytes).add());
    });
    for (let p = 0; p < pixels; p++) {
      for (let v = 0; v < vectors; v++) asm.get(at[p]!).get(acc[p * VECTORS + v]!).v128Store(16 * v);
    }
  };
  /** Every pixel of the row's interval for the input channels of one block of `vectors`. */
  const pixelsOfRow = (vectors: number) => {
    asm.loop(p0, 0, nMain, PIXELS, () => block(PIXELS, vectors));
    asm.loopFrom(p0, nMain, n, 1, () => block(1, vectors));
  };

  asm.let(ciBytes, () => asm.get(inChannels).const(4).mul());
  asm.let(coBytes, () => asm.get(outChannels).const(4).mul());
  asm.let(dxStep, () => asm.get(strideWidth).get(ciBytes).mul());
  asm.let(ciMain, () => asm.get(inChannels).const(-4 * VECTORS).and());
  asm.get(dx).const(0).get(batch).get(inHeight).mul().get(inWidth).mul().get(ciBytes).mul().fill();
  asm.loop(b, 0, batch, 1, () => asm.loop(oh, 0, outHeight, 1, () => asm.loop(i, 0, filterHeight, 1, () => {
    asm.let(row, () => asm.get(oh).get(strideHeight).mul().get(i).add().get(top).sub());
    asm.when(() => asm.get(row).get(inHeight).ltU(), () => asm.loop(j, 0, filterWidth, 1, () => {
      columnInterval(asm, { j, left, inWidth, outWidth, strideWidth, owStart, owEnd, tmp });
      asm.let(n, () => asm.get(owEnd).get(owStart).sub());
      asm.when(() => asm.get(n).const(0).gtS(), () => {
        asm.let(nMain, () => asm.get(n).const(-PIXELS).and());
        asm.let(dxRow, () => asm.get(b).get(inHeight).mul().get(row).add().get(inWidth).mul()
          .get(owStart).get(strideWidth).mul().add().get(j).add().get(left).sub().get(ciBytes).mul().get(dx).add());
        asm.let(dyRow, () => asm.get(b).get(outHeight).mul().get(oh).add().get(outWidth).mul().get(owStart).add().get(coBytes).mul().get(dy).add());
        asm.let(tap, () => asm.get(i).get(filterWidth).mul().get(j).add().get(outChannels).mul().get(ciBytes).mul().get(filterT).add());
        asm.loop(ci0, 0, ciMain, 4 * VECTORS, () => pixelsOfRow(VECTORS));
        asm.when(() => asm.get(ciMain).get(inChannels).ltS(), () => {
          asm.let(ci0, () => asm.get(ciMain));
          pixelsOfRow(1);
        });
      });
    }));
  })));
  return asm.module('tapLoop');
}

/** Whether the SIMD loop covers this convolution: input channels a multiple of 4, no dilation. */
export function denseInputTapLoopCovers(info: backend_util.Conv2DInfo): boolean {
  return info.inChannels % 4 === 0 && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/** Writes the input gradient to `out` from `dy` and the channel-swapped filter [fh, fw, co, ci] (byte addresses on `memory`). */
export function denseInputGradient(memory: WasmMemory, info: backend_util.Conv2DInfo, at: { dy: number; filterT: number; out: number }): void {
  instantiateOn<TapLoop>(memory, program, 'tapLoop')(at.dy, at.filterT, at.out, ...convTapArgs(info));
}
