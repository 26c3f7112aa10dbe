// Fixtures shared by the serving end-to-end test and the serving benchmark: a real checkpoint, images,
// promise wrappers of the gRPC calls (unary and ClassifyStream), and reading one counter off /metrics.
import * as grpc from '@grpc/grpc-js';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { saveCheckpoint } from '@finetune/checkpoint';
import { getNet } from '@finetune/nets';
import type { inferenceV1 } from '@finetune/contracts';

/**
 * Writes `<dir>/model.ckpt-<step>` as the trainer does: mobilenet_v2 (depth 0.35 unless given) with `labels.length`
 * classes, batch norm statistics made non-trivial so folding them is exercised.
 */
export async function writeCheckpoint(dir: string, step: number, labels: string[], depthMultiplier = 0.35): Promise<string> {
  const net = getNet('mobilenet_v2').build({ numClasses: labels.length, imageSize: 32, depthMultiplier });
  let seed = step + 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const variables = [...net.variables].map(([name, v]) => {
    const values = v.read().dataSync() as Float32Array;
    const copy = Float32Array.from(values);
    if (name.endsWith('/moving_variance')) copy.forEach((_, i) => (copy[i] = 0.5 + rnd()));
    else if (name.endsWith('/moving_mean') || name.endsWith('/beta')) copy.forEach((_, i) => (copy[i] = (rnd() - 0.5) * 0.2));
    return { name, dtype: 'float32' as const, shape: v.shape as number[], values: copy };
  });
  const saved = await saveCheckpoint(dir, step, variables, { modelName: 'mobilenet_v2', numClasses: labels.length, labelNames: labels });
  net.model.dispose();
  tf.disposeVariables();
  return saved.prefix;
}

/** A small JPEG whose colours depend on `seed`. */
export async function testJpeg(size: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * (seed + 3) + seed * 41) % 256;
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).jpeg().toBuffer();
}

/** A unary call as a promise: resolves the response or rejects the ServiceError. */
export function unary<Req, Res>(client: grpc.Client, method: string, request: Req, options: grpc.CallOptions = {}): Promise<Res> {
  const fn = (client as unknown as Record<string, (r: Req, m: grpc.Metadata, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r?: Res) => void) => void>)[method]!;
  return new Promise((resolve, reject) => fn.call(client, request, new grpc.Metadata(), options, (err, res) => (err ? reject(err) : resolve(res!))));
}

/** A ClassifyStream call: writes every request, ends the stream, and resolves every answer once the server ends it. */
export function classifyStream(client: grpc.Client, requests: inferenceV1.ClassifyStreamRequest[]): Promise<inferenceV1.ClassifyStreamResponse__Output[]> {
  type Stream = grpc.ClientDuplexStream<inferenceV1.ClassifyStreamRequest, inferenceV1.ClassifyStreamResponse__Output>;
  const call = (client as unknown as { ClassifyStream(): Stream }).ClassifyStream();
  const answers: inferenceV1.ClassifyStreamResponse__Output[] = [];
  const done = new Promise<inferenceV1.ClassifyStreamResponse__Output[]>((resolve, reject) => {
    call.on('data', (a: inferenceV1.ClassifyStreamResponse__Output) => answers.push(a));
    call.on('end', () => resolve(answers));
    call.on('error', reject);
  });
  for (const request of requests) call.write(request);
  call.end();
  return done;
}

/** The value of one sample on /metrics, e.g. `finetune_inference_requests_total{service="inference",status="OK"}`; 0 when absent. */
export async function metricValue(metricsPort: number, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
