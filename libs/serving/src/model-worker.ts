// Entry of one model worker thread: its own backend and its own copy of one exported version; predicts batches.
import type * as tf from '@tensorflow/tfjs';
import { initBackend } from '@finetune/engine';
import { serveRequests } from '@finetune/runtime/worker-requests';
import { loadVerifiedModel } from './load-model';
import type { ModelInitReply, ModelInitRequest, ModelPredictReply, ModelWorkerRequest } from './model-worker-protocol';
import { runPackedLogits } from './run-logits';

let model: tf.LayersModel | undefined;
let imageSize = 0;
// One request at a time: a second batch would only interleave with the first on the same core.
serveRequests<ModelWorkerRequest>('model-worker.ts (see ModelWorkerPool)', handle);

async function handle(request: ModelWorkerRequest): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  if (request.kind === 'init') return { result: await init(request), transfer: [] };
  if (!model) throw new Error('internal: the model worker got a predict before init');
  // A copy that owns its buffer: the backend's own array (cpu) must not be detached by the transfer.
  const logits = (await runPackedLogits(model, request.images, request.count, imageSize)).slice();
  return { result: { logits } satisfies ModelPredictReply, transfer: [logits.buffer as ArrayBuffer] };
}

async function init(request: ModelInitRequest): Promise<ModelInitReply> {
  const started = performance.now();
  const backend = await initBackend({ env: { ...process.env, FINETUNE_BACKEND: request.backend } });
  model = await loadVerifiedModel({ dir: request.dir, metadata: request.metadata });
  imageSize = request.metadata.imageSize;
  const loaded = performance.now();
  // The first run of a graph compiles kernels and allocates: do it before the version takes traffic.
  await runPackedLogits(model, new Float32Array(imageSize * imageSize * 3), 1, imageSize);
  return { backend: backend.name, loadMs: loaded - started, warmUpMs: performance.now() - loaded };
}
