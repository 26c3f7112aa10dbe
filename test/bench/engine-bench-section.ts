// The `engine` section of npm run bench: inference and the three training modes on one thread and on the worker
// pool, memory, and PyTorch on the same shapes where python3-torch is installed (/work/shared/bench/torch_peer.py).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchEngine, engineBenchOptionsFromEnv, type BenchNet, type EngineBenchResult, type EngineBenchTiming } from '@finetune/engine/bench';
import { getNet } from '@finetune/nets';
import { CACHED_JOB_BATCH, benchCachedJob, formatCachedJob } from './cached-job-bench';
import { benchStepShares, formatStepShares } from './step-shares-bench';
import { hasTorchPeer, torchAvailable, torchPeer, type TorchFigures } from './torch-peer';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');

/** Issue 19's targets, per net: every-layer training against PyTorch's, and the full step against the inference pass. */
const TARGETS: Record<string, { everyLayerVsTorch?: number; fullStepVsInference?: number }> = {
  inception_v3: { everyLayerVsTorch: 0.5, fullStepVsInference: 5 },
  mobilenet_v2: { everyLayerVsTorch: 1.0, fullStepVsInference: 4.5 },
};
const times = (a: EngineBenchTiming, b: EngineBenchTiming) => `${(a.imagesPerSec / b.imagesPerSec).toFixed(2)}x`;
const rate = (t: EngineBenchTiming | undefined) => (t ? `${t.imagesPerSec.toFixed(2).padStart(7)} img/s (${t.seconds.toFixed(2)} s/batch)` : 'not measured'.padStart(26));

function format(r: EngineBenchResult, torch: TorchFigures | string): string[] {
  const lines = [
    `${r.net} ${r.imageSize}px batch ${r.batch}, median of ${r.runs} run(s) after ${r.warmUps} warm-up round(s), ${r.workers} workers; load average ${r.load[0].toFixed(2)} before, ${r.load[1].toFixed(2)} after`,
    `  inference     stock wasm predict, 1 thread ${rate(r.stockPredict)} | engine, 1 thread ${rate(r.enginePredict)} = ${times(r.enginePredict, r.stockPredict)} stock` +
      ` | workers, net as trained ${rate(r.parallelPredictUnfolded)} = ${times(r.parallelPredictUnfolded, r.stockPredict)} stock` +
      ` | workers, batch norms folded ${rate(r.parallelPredict)} = ${times(r.parallelPredict, r.stockPredict)} stock (target >= 1.8x)`,
    '  (head rows: the workers compute the frozen features, this thread trains the head on them, as jobs do; deeper and everything: data-parallel steps)',
  ];
  const labels = { 'head-first': 'head, epoch 1', 'head-cached': 'head, cached ', deeper: 'deeper       ', everything: 'everything   ' } as const;
  for (const mode of ['head-first', 'head-cached', 'deeper', 'everything'] as const) {
    const single = r.singleThread[mode];
    const parallel = r.parallel[mode];
    const vs = single ? ` = ${(parallel.imagesPerSec / single.imagesPerSec).toFixed(2)}x 1 thread` : '';
    const overhead = parallel.overhead === undefined ? '' : `, ${(parallel.overhead * 100).toFixed(0)}% of it outside the workers`;
    lines.push(`  ${labels[mode]} session, 1 thread ${rate(single)} | workers ${rate(parallel)}${vs}; micro-batch ${single ? `${single.microBatch} / ` : ''}${parallel.microBatch ?? '?'} per worker${overhead}`);
  }
  const everything = r.parallel.everything;
  const head = r.parallel['head-cached'];
  const first = r.parallel['head-first'];
  const baselines = r.stepBaselines;
  const singleStep = r.singleThread.everything;
  const target = TARGETS[r.net] ?? {};
  const fullStep = everything.seconds / baselines.parallel.seconds;
  lines.push(
    `  full step / inference pass of the batch (same graph, timed alternately in the same rounds): data-parallel / workers' predict ${fullStep.toFixed(2)}x` +
      (target.fullStepVsInference ? ` (target <= ${target.fullStepVsInference}x: ${verdict(fullStep <= target.fullStepVsInference)})` : '') +
      (singleStep && baselines.singleThread ? `; 1 thread / engine predict, 1 thread ${(singleStep.seconds / baselines.singleThread.seconds).toFixed(2)}x` : '') +
      `; against the folded predict ${(everything.seconds / r.parallelPredict.seconds).toFixed(2)}x`,
  );
  lines.push(
    `  head-only cached epoch / first epoch: workers ${((head.seconds / first.seconds) * 100).toFixed(1)}%` +
      (r.singleThread['head-cached'] && r.singleThread['head-first'] ? `; 1 thread ${((r.singleThread['head-cached'].seconds / r.singleThread['head-first'].seconds) * 100).toFixed(1)}%` : '') +
      ' (target < 5%)',
  );
  const features = r.headFeatures;
  lines.push(
    `  head, epoch 1, frozen features on ONNX Runtime ${rate(features.onnx)} | on the engine's workers ${rate(features.tfjs)} = ${times(features.onnx, features.tfjs)} the engine (timed alternately)`,
  );
  const heaps = Object.entries(r.memory.mainWasmHeapBytes).map(([k, v]) => `${k} ${mib(v)}`).join(', ');
  lines.push(`  memory: peak RSS (all threads) ${mib(r.memory.peakRssBytes)}; main wasm heap after ${heaps}; worker wasm heaps ${r.memory.workerWasmHeapBytes.map(mib).join(', ')}`);
  if (r.batch32) {
    lines.push(`  every layer at batch ${r.batch32.batch}, ${r.imageSize}px, data-parallel: ` + ('error' in r.batch32
      ? `failed: ${r.batch32.error} (within the wasm heaps: FAIL)`
      : `one step ${r.batch32.seconds.toFixed(1)} s, worker wasm heaps after ${r.batch32.workerWasmHeapBytes.map(mib).join(', ')} (within the wasm heaps: pass)`));
  }
  if (typeof torch === 'string') {
    lines.push(`  PyTorch: ${torch}`);
  } else {
    const ratio = (ours: number, theirs: number | undefined) => (theirs ? `${(ours / theirs).toFixed(2)}x` : '–');
    const full = torch.full ? everything.imagesPerSec / torch.full : undefined;
    lines.push(
      `  PyTorch 2 threads, same batch: infer ${torch.infer?.toFixed(2)} img/s, full ${torch.full?.toFixed(2)}, head ${torch.head?.toFixed(2)}; ` +
        `ours / PyTorch: infer ${ratio(r.parallelPredict.imagesPerSec, torch.infer)}, full ${ratio(everything.imagesPerSec, torch.full)}, head (epoch 1) ${ratio(first.imagesPerSec, torch.head)}` +
        (target.everyLayerVsTorch && full !== undefined ? ` (every layer >= ${target.everyLayerVsTorch}x PyTorch: ${verdict(full >= target.everyLayerVsTorch)})` : ''),
    );
  }
  return lines;
}

/**
 * Env: BENCH_NETS, BENCH_SIZE, BENCH_BATCH, BENCH_RUNS, BENCH_WORKERS, BENCH_SINGLE_TRAINING, BENCH_BATCH32, BENCH_TORCH=0,
 * BENCH_JOB=0, BENCH_SHARES=0. Each net runs in its own child process, one after another, its lines printed as they are measured:
 * a net's wasm heaps and workers end with its process (VGG-16 alone peaks at ~15 GB resident), and a net that
 * aborts its process loses only its own lines.
 */
export async function runEngineSection(print: (line: string) => void): Promise<void> {
  const options = engineBenchOptionsFromEnv(process.env);
  print('engine: stock single-thread wasm predict (tfjs-backend-wasm as shipped) against the engine on one thread and on workers, and training on one thread against data-parallel workers');
  for (const net of options.nets) await benchInChild(net, print);
}

/** Runs benchOneNet for `net` in a child process (this file with BENCH_ENGINE_CHILD=1), its stdout lines to `print`. */
async function benchInChild(net: string, print: (line: string) => void): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_NETS: net, [CHILD_ENV]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  createInterface({ input: child.stdout }).on('line', print);
  createInterface({ input: child.stderr }).on('line', (line) => {
    // A wasm abort prints the runtime's whole minified source (one line of ~40 kB) before the error: cut short.
    process.stderr.write(`${line.length > 400 ? `${line.slice(0, 400)} ...` : line}\n`);
    if (/error|abort|memory/i.test(line) && line.length < 400) errors.push(line.trim());
  });
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) {
    print(`${net}: FAILED: its bench process ended with ${signal ?? `exit code ${code}`}${errors.length ? `: ${errors.slice(-3).join(' | ')}` : ''}`);
  }
}

const CHILD_ENV = 'BENCH_ENGINE_CHILD';

/** One net in this process: the engine's figures, PyTorch's on the same shapes, the head-only job and the shares of a step. */
async function benchOneNet(net: BenchNet, print: (line: string) => void): Promise<void> {
  const options = engineBenchOptionsFromEnv(process.env);
  const withTorch = process.env.BENCH_TORCH !== '0' && (await torchAvailable());
  const [r] = await benchEngine({ ...options, nets: [net] });
  if (!r) return;
  let torch: TorchFigures | string = withTorch ? {} : 'python3-torch not installed (or BENCH_TORCH=0): no peer figures';
  if (withTorch && !hasTorchPeer(r.net)) torch = '– (torch_peer.py has no such net)';
  else if (withTorch && r.imageSize !== getNet(r.net).defaultImageSize) torch = `skipped: torch_peer.py runs ${getNet(r.net).defaultImageSize}px only`;
  else if (withTorch) {
    try {
      torch = await torchPeer(r.net, r.batch, r.runs);
    } catch (error) {
      torch = `torch_peer.py failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  format(r, torch).forEach(print);
  if (process.env.BENCH_JOB !== '0') print(formatCachedJob(await benchCachedJob(r.net, CACHED_JOB_BATCH)));
  if (process.env.BENCH_SHARES !== '0') formatStepShares(await benchStepShares(r.net)).forEach(print);
}

// `node --import tsx test/bench/engine-bench-section.ts` runs the section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (process.env[CHILD_ENV] === '1') {
    const [net] = engineBenchOptionsFromEnv(process.env).nets;
    if (net) await benchOneNet(net, print);
    // Workers of a failed section may still hold the event loop: the figures are out, end here.
    process.exit(0);
  }
  await runEngineSection(print);
}
