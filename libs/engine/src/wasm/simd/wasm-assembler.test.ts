import { describe, expect, it } from 'vitest';
import { Asm } from './wasm-assembler';
import { webAssembly } from './webassembly';

/** Instantiates a module on a fresh one-page memory and returns its export with a float view of the memory. */
function instantiate(bytes: Uint8Array, exportName: string) {
  const memory = new webAssembly.Memory({ initial: 1 });
  const instance = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory } });
  return { fn: instance.exports[exportName] as (...args: number[]) => void, floats: new Float32Array(memory.buffer) };
}

describe('wasm assembler', () => {
  it('wasm assembler - a loop of SIMD multiply-adds over the imported memory computes sum += a * b', () => {
    const asm = new Asm(4);
    const [sum, a, b, bytes] = [asm.param(0), asm.param(1), asm.param(2), asm.param(3)];
    const at = asm.local();
    asm.loop(at, 0, bytes, 16, () => {
      asm.get(sum).get(at).add();
      asm.get(sum).get(at).add().v128Load();
      asm.get(a).get(at).add().v128Load().get(b).get(at).add().v128Load().f32x4Mul();
      asm.f32x4Add().v128Store();
    });
    const bytesOut = asm.module('multiplyAdd');
    expect(webAssembly.validate(bytesOut)).toBe(true);
    const { fn, floats } = instantiate(bytesOut, 'multiplyAdd');
    for (let k = 0; k < 8; k++) [floats[k], floats[8 + k], floats[16 + k]] = [k, k + 1, 0.5];
    fn(0, 32, 64, 32);
    expect([...floats.subarray(0, 8)]).toEqual([...Array(8).keys()].map((k) => k + (k + 1) * 0.5));
  });

  it('wasm assembler - constants encode as signed LEB128, branches skip on unsigned compare, fill zeroes', () => {
    const asm = new Asm(1);
    const out = asm.param(0);
    const value = asm.local();
    // -301 + 300 = -1, which as unsigned is not below 2: the first fill is skipped, the second (1 < 2) runs.
    asm.let(value, () => asm.const(-301).const(300).add()); // -1
    asm.when(() => asm.get(value).const(2).ltU(), () => asm.get(out).const(0).const(4).fill());
    asm.when(() => asm.const(1).const(2).ltU(), () => asm.get(out).const(4).add().const(0).const(4).fill());
    const { fn, floats } = instantiate(asm.module('probe'), 'probe');
    floats[0] = 7;
    floats[1] = 7;
    fn(0);
    expect([floats[0], floats[1]]).toEqual([7, 0]);
  });

  it('wasm assembler - asking for a parameter the function does not have is an error naming it', () => {
    expect(() => new Asm(2).param(2)).toThrow(/parameter 2 of 2/);
  });
});
