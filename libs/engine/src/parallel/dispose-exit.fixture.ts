// Child process of the predictor's exit test: predicts once, disposes, and must then end by itself.
import { initBackend } from '../backend';
import { createParallelPredictor } from './parallel-predictor';
import { SMALL_NET, SMALL_NET_OPTIONS, smallImages, smallNet } from './testing';

await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
const { weights } = smallNet();
const predictor = await createParallelPredictor({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights, workers: 2 });
const logits = await predictor.predict(smallImages(3, 5), 3);
await predictor.dispose();
process.stdout.write(`predicted ${logits.length} logits\n`);
