// The quality bench's `demo` recipe: README's first command, `finetune demo`, run as a user runs it (its own
// services, its own split), then the linear probe trained and measured on the dataset that demo converted.
// The demo's answer is the best validation accuracy the evaluator recorded, the checkpoint the demo exports.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readManifest } from '@finetune/datasets';
import { EVAL_DIR_NAME, listEvaluationRecords } from '@finetune/engine';
import { REPO_ROOT } from '@finetune/runtime';
import { runLinearProbe, type ProbeResult } from './linear-probe';

const run = promisify(execFile);

export interface DemoQuality {
  /** Best and last validation accuracy of the demo's checkpoints, as its evaluator recorded them. */
  best: number;
  last: number;
  bestRecallAtK: number;
  seconds: number;
  probe: ProbeResult;
}

/** Runs `finetune demo --state-dir <stateDir>` (the default mode and flags), then the probe on its split. */
export async function benchDemoQuality(stateDir: string, probe: { epochs: number; learningRate: number; batchSize: number; k: number }): Promise<DemoQuality> {
  const started = performance.now();
  const cli = path.join(REPO_ROOT, 'services', 'cli', 'bin', 'finetune.js');
  const { stdout } = await run(process.execPath, [cli, 'demo', '--state-dir', stateDir], { cwd: REPO_ROOT, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  const datasetDir = /images -> (\S+)\s*$/m.exec(stdout)?.[1];
  const trainDir = /checkpoints in (\S+)\s*$/m.exec(stdout)?.[1];
  if (!datasetDir || !trainDir) throw new Error(`finetune demo printed no dataset or train dir:\n${stdout}`);
  const evaluated = (await listEvaluationRecords(path.join(trainDir, EVAL_DIR_NAME))).flatMap((r) =>
    r.status === 'evaluated' && r.dataset_split_name === 'validation' ? [r] : [],
  );
  if (evaluated.length === 0) throw new Error(`finetune demo left no validation evaluation in ${trainDir}`);
  const best = evaluated.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const last = evaluated.reduce((a, b) => (b.step > a.step ? b : a));
  const result = await runLinearProbe({ manifest: await readManifest(datasetDir), ...probe });
  return { best: best.accuracy, last: last.accuracy, bestRecallAtK: best.recall_at_k, seconds, probe: result };
}
