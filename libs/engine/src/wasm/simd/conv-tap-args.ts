// The parameters both dense-gradient tap loops take: three heap addresses, then the convolution's shape, strides
// and padding, read off tfjs' Conv2DInfo. The list below is their one order; the loops' wasm parameters, the
// arguments a call passes and its type all come from it, so adding an argument cannot set them apart.
import type { backend_util } from '@tensorflow/tfjs-core';
import { Asm, type Local } from './wasm-assembler';

/** Each shape argument after the three addresses, in parameter order, with where Conv2DInfo holds it. */
const CONV_TAP_SHAPE = [
  ['batch', (info) => info.batchSize],
  ['inHeight', (info) => info.inHeight],
  ['inWidth', (info) => info.inWidth],
  ['inChannels', (info) => info.inChannels],
  ['outHeight', (info) => info.outHeight],
  ['outWidth', (info) => info.outWidth],
  ['outChannels', (info) => info.outChannels],
  ['filterHeight', (info) => info.filterHeight],
  ['filterWidth', (info) => info.filterWidth],
  ['strideHeight', (info) => info.strideHeight],
  ['strideWidth', (info) => info.strideWidth],
  ['top', (info) => info.padInfo.top],
  ['left', (info) => info.padInfo.left],
] as const satisfies readonly (readonly [string, (info: backend_util.Conv2DInfo) => number])[];

type ShapeName = (typeof CONV_TAP_SHAPE)[number][0];

/** A number for each item of a tuple (a mapped type keeps a tuple's length only over a type parameter). */
type NumberEach<T extends readonly unknown[]> = { -readonly [K in keyof T]: number };

/** The shape arguments as numbers, one for each row of CONV_TAP_SHAPE. */
export type ConvTapArgs = NumberEach<typeof CONV_TAP_SHAPE>;

/** A tap loop: three byte addresses on the heap, then the shape arguments of convTapArgs in order. */
export type TapLoop = (a: number, b: number, out: number, ...shape: ConvTapArgs) => void;

export function convTapArgs(info: backend_util.Conv2DInfo): ConvTapArgs {
  return CONV_TAP_SHAPE.map(([, read]) => read(info)) as ConvTapArgs;
}

/**
 * An assembler for a tap loop's body with its parameters named: the three addresses as the loop calls them
 * (in the order TapLoop takes them), then every shape argument.
 */
export function tapLoopAssembler<A extends string>(
  addresses: readonly [A, A, A],
): { asm: Asm; params: Record<A | ShapeName, Local> } {
  const names: readonly string[] = [...addresses, ...CONV_TAP_SHAPE.map(([name]) => name)];
  const asm = new Asm(names.length);
  const params = Object.fromEntries(names.map((name, k) => [name, asm.param(k)])) as Record<A | ShapeName, Local>;
  return { asm, params };
}
