// The gradient of relu6 (a clip to [0, 6]) as one SIMD pass: dy where the input lies strictly inside the range.
// tfjs differentiates relu6 = minimum(6, relu(x)) op by op: five passes over the activation, on every layer of
// MobileNet.
import { Asm } from './wasm-assembler';
import { instantiateOn } from './wasm-instances';
import type { WasmMemory } from './webassembly';

type ClipGradientLoop = (x: number, dy: number, out: number, bytes: number) => void;

/** out = dy where low < x < high, else 0 (a bitwise and of dy with the comparison's all-ones lanes). */
function program(low: number, high: number): Uint8Array {
  const asm = new Asm(4);
  const [x, dy, out, bytes] = [0, 1, 2, 3].map((i) => asm.param(i));
  const at = asm.local();
  asm.loop(at, 0, bytes, 16, () => {
    asm.get(out).get(at).add();
    asm.get(dy).get(at).add().v128Load();
    asm.get(x).get(at).add().v128Load().f32x4Splat(low).f32x4Gt();
    asm.get(x).get(at).add().v128Load().f32x4Splat(high).f32x4Lt();
    asm.v128And().v128And().v128Store();
  });
  return asm.module('clipGradient');
}

const relu6 = () => program(0, 6);

/** Writes relu6's input gradient for `count` floats (a multiple of 4) to `out` (byte addresses on `memory`). */
export function relu6Gradient(memory: WasmMemory, at: { x: number; dy: number; out: number }, count: number): void {
  instantiateOn<ClipGradientLoop>(memory, relu6, 'clipGradient')(at.x, at.dy, at.out, count * 4);
}
