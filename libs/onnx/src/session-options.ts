// The ONNX Runtime session options every Finetune session uses: one place for threads, providers and spinning.
import type { InferenceSession } from 'onnxruntime-node';
import { onnxExecutionProviders } from './execution-providers';

/**
 * `threads` intra-op threads that sleep when idle instead of spinning: a spinning pool keeps both cores busy
 * between runs, starving the image decoding and gRPC of the same process (and anything else on the host).
 * Measured on 2 loaded cores (inception_v3 299), not spinning was 1.2x faster at batch 1, 8 and 32.
 */
export function onnxSessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: Math.max(1, threads),
    interOpNumThreads: 1,
    executionProviders: onnxExecutionProviders(),
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
