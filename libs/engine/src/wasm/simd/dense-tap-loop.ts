// The dense convolution's filter gradient as one pass of wasm SIMD over x and dy, where they lie on the heap.
// Built from stock kernels it is an XNNPACK convolution whose "filter" is dy itself (2-8x the forward pass on
// InceptionV3's layers); here each tap's gradient is a sum of outer products x[pixel, ci] * dy[pixel, co] over the
// pixels the tap reaches, accumulated in registers along each output row.
import type { backend_util } from '@tensorflow/tfjs-core';
import type { Asm, Local, Vector } from './wasm-assembler';
import { convTapArgs, tapLoopAssembler, type TapLoop } from './conv-tap-args';
import { instantiateOn } from './wasm-instances';
import type { WasmMemory } from './webassembly';

/** Input channels and SIMD vectors of output channels (4 each) one register block sums: 8 sums, 11 registers live. */
const ROWS = 4;
const VECTORS = 2;

/**
 * Sets owStart and owEnd to the output columns whose tap j lands inside the image:
 * 0 <= ow*sw + j - left <= inWidth - 1 and 0 <= ow < outWidth. `tmp` is scratch.
 */
export function columnInterval(asm: Asm, l: Record<'j' | 'left' | 'inWidth' | 'outWidth' | 'strideWidth' | 'owStart' | 'owEnd' | 'tmp', Local>): void {
  const { j, left, inWidth, outWidth, strideWidth, owStart, owEnd, tmp } = l;
  asm.let(owStart, () => asm.const(0));
  asm.let(tmp, () => asm.get(left).get(j).sub());
  // ceil((left - j) / sw) for a positive numerator.
  asm.when(() => asm.get(tmp).const(0).gtS(), () => asm.let(owStart, () => asm.get(tmp).get(strideWidth).add().const(1).sub().get(strideWidth).divS()));
  asm.let(owEnd, () => asm.const(0));
  asm.let(tmp, () => asm.get(inWidth).const(1).sub().get(left).add().get(j).sub());
  asm.when(() => asm.get(tmp).const(0).geS(), () => asm.let(owEnd, () => asm.get(tmp).get(strideWidth).divS().const(1).add()));
  asm.when(() => asm.get(owEnd).get(outWidth).gtS(), () => asm.let(owEnd, () => asm.get(outWidth)));
}

/**
 * dW[i,j,ci,co] = sum over b, oh, ow of x[b, oh*sh+i-top, ow*sw+j-left, ci] * dy[b,oh,ow,co], taps outside the
 * image contributing nothing. For each output row and tap, the columns ow the tap keeps inside the image are one
 * interval, so the pixel loop has no branch; within it a block of 4 ci x 8 co sums stays in registers.
 * Output channels must be a multiple of 4; input channels are any.
 */
function program(): Uint8Array {
  const { asm, params } = tapLoopAssembler(['x', 'dy', 'out']);
  const { x, dy, out, batch, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth,
    strideHeight, strideWidth, top, left } = params;
  const [b, oh, i, j, row, owStart, owEnd, n, xRow, dyRow, tapOut, ci0, co0, ciMain, coMain, k, px, pd, ciBytes, coBytes, xStep, tmp] =
    Array.from({ length: 22 }, () => asm.local());
  const rowAt: Local[] = Array.from({ length: ROWS }, () => asm.local());
  const acc: Vector[] = Array.from({ length: ROWS * VECTORS }, () => asm.vector());
  const d: Vector[] = Array.from({ length: VECTORS }, () => asm.vector());
  const s = asm.vector();

  /** The block of `rows` input channels from ci0 and `vectors` x 4 output channels from co0, over the row's pixels. */
  const block = (rows: number, vectors: number) => {
    for (let r = 0; r < rows; r++) {
      asm.let(rowAt[r]!, () => asm.get(ci0).const(r).add().get(coBytes).mul().get(co0).const(4).mul().add().get(tapOut).add());
      for (let v = 0; v < vectors; v++) asm.let(acc[r * VECTORS + v]!, () => asm.get(rowAt[r]!).v128Load(16 * v));
    }
    asm.let(px, () => asm.get(ci0).const(4).mul().get(xRow).add());
    asm.let(pd, () => asm.get(co0).const(4).mul().get(dyRow).add());
    asm.loop(k, 0, n, 1, () => {
      for (let v = 0; v < vectors; v++) asm.let(d[v]!, () => asm.get(pd).v128Load(16 * v));
      for (let r = 0; r < rows; r++) {
        asm.let(s, () => asm.get(px).v128Load32Splat(4 * r));
        for (let v = 0; v < vectors; v++) {
          const sum = acc[r * VECTORS + v]!;
          asm.let(sum, () => asm.get(sum).get(s).get(d[v]!).f32x4Mul().f32x4Add());
        }
      }
      asm.let(px, () => asm.get(px).get(xStep).add());
      asm.let(pd, () => asm.get(pd).get(coBytes).add());
    });
    for (let r = 0; r < rows; r++) {
      for (let v = 0; v < vectors; v++) asm.get(rowAt[r]!).get(acc[r * VECTORS + v]!).v128Store(16 * v);
    }
  };
  /** All output channels for the input channels of one block of `rows`. */
  const blockRow = (rows: number) => {
    asm.loop(co0, 0, coMain, 4 * VECTORS, () => block(rows, VECTORS));
    asm.when(() => asm.get(coMain).get(outChannels).ltS(), () => {
      asm.let(co0, () => asm.get(coMain));
      block(rows, 1);
    });
  };

  asm.let(ciBytes, () => asm.get(inChannels).const(4).mul());
  asm.let(coBytes, () => asm.get(outChannels).const(4).mul());
  asm.let(xStep, () => asm.get(strideWidth).get(ciBytes).mul());
  asm.let(ciMain, () => asm.get(inChannels).const(-ROWS).and());
  asm.let(coMain, () => asm.get(outChannels).const(-4 * VECTORS).and());
  asm.get(out).const(0).get(filterHeight).get(filterWidth).mul().get(inChannels).mul().get(coBytes).mul().fill();
  asm.loop(b, 0, batch, 1, () => asm.loop(oh, 0, outHeight, 1, () => asm.loop(i, 0, filterHeight, 1, () => {
    asm.let(row, () => asm.get(oh).get(strideHeight).mul().get(i).add().get(top).sub());
    asm.when(() => asm.get(row).get(inHeight).ltU(), () => asm.loop(j, 0, filterWidth, 1, () => {
      columnInterval(asm, { j, left, inWidth, outWidth, strideWidth, owStart, owEnd, tmp });
      asm.let(n, () => asm.get(owEnd).get(owStart).sub());
      asm.when(() => asm.get(n).const(0).gtS(), () => {
        asm.let(xRow, () => asm.get(b).get(inHeight).mul().get(row).add().get(inWidth).mul()
          .get(owStart).get(strideWidth).mul().add().get(j).add().get(left).sub().get(ciBytes).mul().get(x).add());
        asm.let(dyRow, () => asm.get(b).get(outHeight).mul().get(oh).add().get(outWidth).mul().get(owStart).add().get(coBytes).mul().get(dy).add());
        asm.let(tapOut, () => asm.get(i).get(filterWidth).mul().get(j).add().get(inChannels).mul().get(coBytes).mul().get(out).add());
        asm.loop(ci0, 0, ciMain, ROWS, () => blockRow(ROWS));
        asm.loopFrom(ci0, ciMain, inChannels, 1, () => blockRow(1));
      });
    }));
  })));
  return asm.module('tapLoop');
}

/** Whether the SIMD loop covers this convolution: output channels a multiple of 4, no dilation. */
export function denseTapLoopCovers(info: backend_util.Conv2DInfo): boolean {
  return info.outChannels % 4 === 0 && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/** Writes the filter gradient [fh, fw, ci, co] to `out` from `x` and `dy` (byte addresses on `memory`). */
export function denseFilterGradient(memory: WasmMemory, info: backend_util.Conv2DInfo, at: { x: number; dy: number; out: number }): void {
  instantiateOn<TapLoop>(memory, program, 'tapLoop')(at.x, at.dy, at.out, ...convTapArgs(info));
}
