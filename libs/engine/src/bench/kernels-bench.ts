// Micro-benchmark: each kernel Finetune adds to wasm against the forward convolution of the same shape, and the dense
// convolution gradients against what they were before their SIMD pass, in the same run.
import { Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput, backend_util, engine, getBackend, randomUniform, tidy } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { withComposedConvGradients } from '../wasm/register-wasm-kernels';

/** One convolution shape, named after where it occurs in MobileNetV2 (batch 16, 224x224) or InceptionV3 (batch 8, 299x299). */
export interface BenchCase {
  label: string;
  depthwise: boolean;
  /** [batch, height, width, in channels] */
  input: [number, number, number, number];
  /** [height, width, in channels, out channels or channel multiplier] */
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

export interface BenchResult {
  kernel: string;
  label: string;
  /** Median milliseconds of the forward Conv2D / DepthwiseConv2dNative. */
  forwardMs: number;
  /** Median milliseconds of the gradient kernel. */
  kernelMs: number;
  /** kernelMs / forwardMs */
  ratio: number;
  /** Dense gradients: median milliseconds of the kernel as it was before its SIMD pass (withComposedConvGradients). */
  beforeMs?: number;
}

export interface BenchOptions {
  /**
   * Timed runs per kernel after one warm-up run; the median is reported.
   * @default 5
   */
  repeats: number;
  /** @default MOBILENET_V2_CASES */
  cases: readonly BenchCase[];
}

export const MOBILENET_V2_CASES: readonly BenchCase[] = [
  { label: 'Conv1 3x3/2 224x224x3->32', depthwise: false, input: [16, 224, 224, 3], filter: [3, 3, 3, 32], stride: 2, pad: 'same' },
  { label: 'expand 1x1 56x56x24->144', depthwise: false, input: [16, 56, 56, 24], filter: [1, 1, 24, 144], stride: 1, pad: 'same' },
  { label: 'project 1x1 28x28x192->32', depthwise: false, input: [16, 28, 28, 192], filter: [1, 1, 192, 32], stride: 1, pad: 'same' },
  { label: 'dense 3x3 56x56x64->64', depthwise: false, input: [16, 56, 56, 64], filter: [3, 3, 64, 64], stride: 1, pad: 'same' },
  { label: 'dw 3x3/1 112x112x32', depthwise: true, input: [16, 112, 112, 32], filter: [3, 3, 32, 1], stride: 1, pad: 'same' },
  { label: 'dw 3x3/2 112x112x96', depthwise: true, input: [16, 112, 112, 96], filter: [3, 3, 96, 1], stride: 2, pad: 'same' },
  { label: 'dw 3x3/1 14x14x576', depthwise: true, input: [16, 14, 14, 576], filter: [3, 3, 576, 1], stride: 1, pad: 'same' },
];

/** InceptionV3's dense convolutions of each kind: kxk, 1xk, kx1, 5x5, strided VALID (batch 8, 299x299). */
export const INCEPTION_V3_CASES: readonly BenchCase[] = [
  { label: 'Conv2d_2b 3x3 147x147x32->64', depthwise: false, input: [8, 147, 147, 32], filter: [3, 3, 32, 64], stride: 1, pad: 'same' },
  { label: 'Conv2d_4a 3x3 73x73x80->192 v', depthwise: false, input: [8, 73, 73, 80], filter: [3, 3, 80, 192], stride: 1, pad: 'valid' },
  { label: 'Mixed_5b 5x5 35x35x48->64', depthwise: false, input: [8, 35, 35, 48], filter: [5, 5, 48, 64], stride: 1, pad: 'same' },
  { label: 'Mixed_6a 3x3/2 35x35x288->384 v', depthwise: false, input: [8, 35, 35, 288], filter: [3, 3, 288, 384], stride: 2, pad: 'valid' },
  { label: 'Mixed_6b 1x7 17x17x128->128', depthwise: false, input: [8, 17, 17, 128], filter: [1, 7, 128, 128], stride: 1, pad: 'same' },
  { label: 'Mixed_6b 7x1 17x17x128->192', depthwise: false, input: [8, 17, 17, 128], filter: [7, 1, 128, 192], stride: 1, pad: 'same' },
  { label: 'Mixed_7b 3x1 8x8x384->384', depthwise: false, input: [8, 8, 8, 384], filter: [3, 1, 384, 384], stride: 1, pad: 'same' },
];

export function defaultBenchOptions(): BenchOptions {
  return { repeats: 5, cases: [...MOBILENET_V2_CASES, ...INCEPTION_V3_CASES] };
}

/** Times every case on wasm (forcing it through initBackend) and returns one row per gradient kernel. */
export async function benchKernels(options: Partial<BenchOptions> = {}): Promise<BenchResult[]> {
  const { repeats, cases } = { ...defaultBenchOptions(), ...options };
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  if (getBackend() !== 'wasm') throw new Error(`benchKernels needs the wasm backend, the active one is ${getBackend()}`);
  const results: BenchResult[] = [];
  for (const c of cases) {
    const info = backend_util.computeConv2DInfo(c.input, c.filter, c.stride, 1, c.pad, undefined, c.depthwise);
    const x = randomUniform(c.input, -1, 1);
    const filter = randomUniform(c.filter, -1, 1);
    const dy = randomUniform([info.batchSize, info.outHeight, info.outWidth, info.outChannels], -1, 1);
    const convAttrs: NamedAttrMap = { strides: c.stride, pad: c.pad, dilations: 1, dataFormat: 'NHWC' };
    const forwardMs = timeKernel(c.depthwise ? DepthwiseConv2dNative : Conv2D, { x, filter }, convAttrs, repeats);
    const gradients: [string, Record<string, Tensor>, NamedAttrMap][] = c.depthwise
      ? [
        [DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...convAttrs, filterShape: c.filter }],
        [DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...convAttrs, inputShape: c.input }],
      ]
      : [
        [Conv2DBackpropFilter, { x, dy }, { ...convAttrs, filterShape: c.filter }],
        [Conv2DBackpropInput, { dy, filter }, { ...convAttrs, inputShape: c.input }],
      ];
    for (const [kernel, inputs, attrs] of gradients) {
      const kernelMs = timeKernel(kernel, inputs, attrs, repeats);
      const beforeMs = c.depthwise ? undefined : withComposedConvGradients(() => timeKernel(kernel, inputs, attrs, repeats));
      results.push({ kernel, label: c.label, forwardMs, kernelMs, ratio: kernelMs / forwardMs, ...(beforeMs !== undefined && { beforeMs }) });
    }
    x.dispose();
    filter.dispose();
    dy.dispose();
  }
  return results;
}

function timeKernel(kernel: string, inputs: Record<string, Tensor>, attrs: NamedAttrMap, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    // Reading one value forces completion on any backend; wasm kernels are synchronous anyway.
    tidy(() => {
      const out = engine().runKernel(kernel, inputs, attrs);
      (Array.isArray(out) ? out[0] : out)?.dataSync();
    });
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
