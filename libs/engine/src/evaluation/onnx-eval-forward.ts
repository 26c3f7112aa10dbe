// Evaluation's forward pass on ONNX Runtime: the restored net, batch norms folded, as an ONNX graph built in memory.
// On this CPU ORT runs a batch about 5x faster than the engine does (`npm run bench -- serving`), with the same logits.
import type { Net } from '@finetune/nets';
import { foldedOnnx, ONNX_LOGITS, openOnnxRunner } from '@finetune/onnx';
import type { EvalBatch } from './eval-batches';

export interface EvalForward {
  /** The logits [count, classes] of one batch. */
  logits(batch: EvalBatch): Promise<Float32Array>;
  release(): Promise<void>;
}

/** `net` (left unchanged; the caller still owns it) on ONNX Runtime with `threads` intra-op threads. */
export async function onnxEvalForward(net: Net, name: string, threads: number): Promise<EvalForward> {
  // Only the logits are run: inception_v3's aux head is not in the graph.
  const runner = await openOnnxRunner(await foldedOnnx(net.model, { name }), { threads });
  const logitsAt = runner.outputs.indexOf(ONNX_LOGITS);
  return {
    logits: async (batch) => (await runner.run(batch.images, batch.count))[logitsAt]!,
    release: () => runner.release(),
  };
}
