// A minimal WebAssembly assembler: one exported function of i32 parameters over the wasm backend's own memory.
// tfjs-backend-wasm has no fused kernel for some gradients; a few lines of wasm SIMD written here run on the
// tensors where they lie on the backend's heap, with no copy and no JavaScript loop over the data.

/** An i32 local (parameters come first); `Asm` hands these out so bodies read as names, not indices. */
export type Local = number & { readonly __local: unique symbol };
/** A v128 local: four float32 lanes a loop keeps its sums in, in registers. */
export type Vector = number & { readonly __vector: unique symbol };

const I32 = 0x7f;
const V128 = 0x7b;
const SPLAT_ALIGN = 2; // log2 of 4 bytes
const V128_ALIGN = 4; // log2 of 16 bytes: only a hint, unaligned addresses stay correct.

/** LEB128 as wasm encodes every index, size and immediate. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...unsigned(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

/**
 * Emits a function body instruction by instruction. Control flow is structured (`loop`, `when`), the
 * only kind wasm has; each method appends its bytes and returns this assembler for chaining.
 */
export class Asm {
  private readonly code: number[] = [];
  /** Types of the locals after the parameters, in index order. */
  private readonly localTypes: number[] = [];

  constructor(readonly params: number) {}

  param(index: number): Local {
    if (index >= this.params) throw new RangeError(`parameter ${index} of ${this.params}`);
    return index as Local;
  }

  local(): Local {
    return (this.params + this.localTypes.push(I32) - 1) as Local;
  }

  vector(): Vector {
    return (this.params + this.localTypes.push(V128) - 1) as Vector;
  }

  get(local: Local | Vector): this { return this.emit(0x20, ...unsigned(local)); }
  set(local: Local | Vector): this { return this.emit(0x21, ...unsigned(local)); }
  const(value: number): this { return this.emit(0x41, ...signed(value)); }
  add(): this { return this.emit(0x6a); }
  sub(): this { return this.emit(0x6b); }
  mul(): this { return this.emit(0x6c); }
  divS(): this { return this.emit(0x6d); }
  and(): this { return this.emit(0x71); }
  ltS(): this { return this.emit(0x48); }
  gtS(): this { return this.emit(0x4a); }
  /** Unsigned less-than: a negative row index compares as huge, so one test covers both edges. */
  ltU(): this { return this.emit(0x49); }
  geS(): this { return this.emit(0x4e); }

  /** `offset`: a constant byte offset added to the address, free in the instruction. */
  v128Load(offset = 0): this { return this.emit(0xfd, ...unsigned(0x00), V128_ALIGN, ...unsigned(offset)); }
  v128Store(offset = 0): this { return this.emit(0xfd, ...unsigned(0x0b), V128_ALIGN, ...unsigned(offset)); }
  /** One float32 from memory in all four lanes. */
  v128Load32Splat(offset = 0): this { return this.emit(0xfd, ...unsigned(0x09), SPLAT_ALIGN, ...unsigned(offset)); }
  f32x4Add(): this { return this.emit(0xfd, ...unsigned(0xe4)); }
  f32x4Sub(): this { return this.emit(0xfd, ...unsigned(0xe5)); }
  f32x4Mul(): this { return this.emit(0xfd, ...unsigned(0xe6)); }
  f32x4Lt(): this { return this.emit(0xfd, ...unsigned(0x43)); }
  f32x4Gt(): this { return this.emit(0xfd, ...unsigned(0x44)); }
  v128And(): this { return this.emit(0xfd, ...unsigned(0x4e)); }
  /** Four lanes of the float32 `value`. */
  f32x4Splat(value: number): this {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return this.emit(0x43, ...bytes, 0xfd, ...unsigned(0x13));
  }
  /** memory.fill(address, byte, length) from the stack. */
  fill(): this { return this.emit(0xfc, ...unsigned(0x0b), 0x00); }

  /** `local = value`, the value pushed by `value`. */
  let(local: Local | Vector, value: (asm: this) => void): this {
    value(this);
    return this.set(local);
  }

  /** for (counter = from; counter < end; counter += step) body — `from` and `step` constants, `end` a local. */
  loop(counter: Local, from: number, end: Local, step: number, body: (asm: this) => void): this {
    this.const(from).set(counter);
    this.emit(0x02, 0x40, 0x03, 0x40); // block (loop
    this.get(counter).get(end).geS().emit(0x0d, 1); // br_if out of the block when done
    body(this);
    this.get(counter).const(step).add().set(counter);
    return this.emit(0x0c, 0, 0x0b, 0x0b); // br to the loop's head) end
  }

  /** for (counter = from; counter < end; counter += step) body — `from` and `end` locals, `step` a constant. */
  loopFrom(counter: Local, from: Local, end: Local, step: number, body: (asm: this) => void): this {
    this.get(from).set(counter);
    this.emit(0x02, 0x40, 0x03, 0x40);
    this.get(counter).get(end).geS().emit(0x0d, 1);
    body(this);
    this.get(counter).const(step).add().set(counter);
    return this.emit(0x0c, 0, 0x0b, 0x0b);
  }

  /** if (condition) body — the condition pushed by `condition`. */
  when(condition: (asm: this) => void, body: (asm: this) => void): this {
    condition(this);
    this.emit(0x04, 0x40);
    body(this);
    return this.emit(0x0b);
  }

  private emit(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  /** A module importing `env.memory` and exporting this body as `exportName`, taking `params` i32s. */
  module(exportName: string): Uint8Array {
    const type = [0x60, ...vector(Array.from({ length: this.params }, () => [I32])), 0x00];
    const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x01]; // memory, no maximum, ≥ 1 page
    // Locals are declared as runs of one type, in index order.
    const runs: number[][] = [];
    for (const type of this.localTypes) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0]!++;
      else runs.push([1, type]);
    }
    const body = [...vector(runs.map(([count, type]) => [...unsigned(count!), type!])), ...this.code, 0x0b];
    return new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      ...section(1, vector([type])),
      ...section(2, vector([memoryImport])),
      ...section(3, vector([[0]])),
      ...section(7, vector([[...name(exportName), 0x00, 0]])),
      ...section(10, vector([[...unsigned(body.length), ...body]])),
    ]);
  }
}
