// Per-channel passes over an NHWC activation (rows of C channels) in wasm SIMD: batch norm's moments, its forward
// affine map, the two sums its gradient needs and its input gradient, each one pass where tfjs ops take several.
import { Asm, type Local } from './wasm-assembler';
import { instantiateOn } from './wasm-instances';
import type { WasmMemory } from './webassembly';

/** Every loop takes (rows, channelBytes) and byte addresses; channels must be a multiple of 4. */
type ChannelLoop = (...addressesThenRowsThenChannelBytes: number[]) => void;

/** for each row r, each 4-channel group at byte c: body(rowAt = r*channelBytes, c). */
function overRows(asm: Asm, rows: Local, channelBytes: Local, body: (rowAt: Local, c: Local) => void): void {
  const [r, rowAt, c] = [asm.local(), asm.local(), asm.local()];
  asm.loop(r, 0, rows, 1, () => {
    asm.let(rowAt, () => asm.get(r).get(channelBytes).mul());
    asm.loop(c, 0, channelBytes, 16, () => body(rowAt, c));
  });
}

/** Pushes the v128 at base + rowAt + c (an activation) or base + c (a per-channel vector). */
function loadAt(asm: Asm, base: Local, rowAt: Local | undefined, c: Local): void {
  asm.get(base);
  if (rowAt !== undefined) asm.get(rowAt).add();
  asm.get(c).add().v128Load();
}

/** out[r,c] = x[r,c] * coef[0,c] + coef[1,c]: batch norm with its moments and parameters folded per channel. */
function affine(): Uint8Array {
  const asm = new Asm(5);
  const [x, coef, out, rows, channelBytes] = [0, 1, 2, 3, 4].map((i) => asm.param(i));
  const shift = asm.local();
  asm.let(shift, () => asm.get(coef).get(channelBytes).add());
  overRows(asm, rows, channelBytes, (rowAt, c) => {
    asm.get(out).get(rowAt).add().get(c).add();
    loadAt(asm, x, rowAt, c);
    loadAt(asm, coef, undefined, c);
    asm.f32x4Mul();
    loadAt(asm, shift, undefined, c);
    asm.f32x4Add().v128Store();
  });
  return asm.module('channelLoop');
}

/** out[0,c] = sum of dy[r,c]; out[1,c] = sum of dy[r,c] * (x[r,c] - mean[c]): the sums batch norm's gradient needs. */
function gradientSums(): Uint8Array {
  const asm = new Asm(6);
  const [x, dy, mean, out, rows, channelBytes] = [0, 1, 2, 3, 4, 5].map((i) => asm.param(i));
  const second = asm.local();
  asm.let(second, () => asm.get(out).get(channelBytes).add());
  asm.get(out).const(0).get(channelBytes).const(2).mul().fill();
  overRows(asm, rows, channelBytes, (rowAt, c) => {
    asm.get(out).get(c).add();
    loadAt(asm, out, undefined, c);
    loadAt(asm, dy, rowAt, c);
    asm.f32x4Add().v128Store();
    asm.get(second).get(c).add();
    loadAt(asm, second, undefined, c);
    loadAt(asm, dy, rowAt, c);
    loadAt(asm, x, rowAt, c);
    loadAt(asm, mean, undefined, c);
    asm.f32x4Sub().f32x4Mul().f32x4Add().v128Store();
  });
  return asm.module('channelLoop');
}

/** out[0,c] = sum of (x[r,c] - shift[c]); out[1,c] = sum of its squares: a batch's moments about a shift. */
function shiftedSums(): Uint8Array {
  const asm = new Asm(5);
  const [x, shift, out, rows, channelBytes] = [0, 1, 2, 3, 4].map((i) => asm.param(i));
  const second = asm.local();
  asm.let(second, () => asm.get(out).get(channelBytes).add());
  asm.get(out).const(0).get(channelBytes).const(2).mul().fill();
  overRows(asm, rows, channelBytes, (rowAt, c) => {
    const centred = () => {
      loadAt(asm, x, rowAt, c);
      loadAt(asm, shift, undefined, c);
      asm.f32x4Sub();
    };
    asm.get(out).get(c).add();
    loadAt(asm, out, undefined, c);
    centred();
    asm.f32x4Add().v128Store();
    asm.get(second).get(c).add();
    loadAt(asm, second, undefined, c);
    centred();
    centred();
    asm.f32x4Mul().f32x4Add().v128Store();
  });
  return asm.module('channelLoop');
}

/** out[r,c] = dy[r,c] * coef[0,c] + x[r,c] * coef[1,c] + coef[2,c]: batch norm's input gradient, moments included. */
function inputGradient(): Uint8Array {
  const asm = new Asm(6);
  const [x, dy, coef, out, rows, channelBytes] = [0, 1, 2, 3, 4, 5].map((i) => asm.param(i));
  const [ofX, shift] = [asm.local(), asm.local()];
  asm.let(ofX, () => asm.get(coef).get(channelBytes).add());
  asm.let(shift, () => asm.get(ofX).get(channelBytes).add());
  overRows(asm, rows, channelBytes, (rowAt, c) => {
    asm.get(out).get(rowAt).add().get(c).add();
    loadAt(asm, dy, rowAt, c);
    loadAt(asm, coef, undefined, c);
    asm.f32x4Mul();
    loadAt(asm, x, rowAt, c);
    loadAt(asm, ofX, undefined, c);
    asm.f32x4Mul().f32x4Add();
    loadAt(asm, shift, undefined, c);
    asm.f32x4Add().v128Store();
  });
  return asm.module('channelLoop');
}

const PROGRAMS = { affine, gradientSums, inputGradient, shiftedSums } as const;
type ChannelLoopName = keyof typeof PROGRAMS;

/** The loop bound to one backend's memory. */
export function channelLoop(memory: WasmMemory, name: ChannelLoopName): ChannelLoop {
  return instantiateOn<ChannelLoop>(memory, PROGRAMS[name], 'channelLoop');
}
