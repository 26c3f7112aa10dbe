// Fixtures for the board tests: a log dir of two real runs (head and all, as the reference's figure compares),
// written with the repo's own writers: summaries.jsonl lines, real checkpoints of a tiny net, real evaluations.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedManifest } from '@finetune/datasets';
import { EVAL_DIR_NAME, evaluateCheckpoint, evaluatedRecord, SummaryWriter, writeEvaluationRecord, type EvaluatedRecord } from '@finetune/engine';
import { buildTinyNet, makeTinyDataset, saveTinyCheckpoint, shiftLogitsBias, TINY_NET } from '@finetune/engine/testing';
import type { Net } from '@finetune/nets';

export interface BoardFixture {
  manifest: LoadedManifest;
  /** The parent of the runs, as `--logdir satellite/train_dir`. */
  logDir: string;
  runDir(name: string): string;
  /** Appends summary lines at these steps, flushed at once. */
  addSummaries(run: string, steps: number[]): Promise<void>;
  /** Saves the tiny net, nudged so it predicts `favoured`, at `step`, evaluates it for real and stores the record. */
  addEvaluation(run: string, step: number, favoured: number): Promise<EvaluatedRecord>;
  dispose(): void;
}

export async function makeBoardFixture(root: string): Promise<BoardFixture> {
  const manifest = await makeTinyDataset(root);
  const logDir = path.join(root, 'train_dir');
  const net: Net = buildTinyNet();
  const runDir = (name: string) => path.join(logDir, name);
  return {
    manifest,
    logDir,
    runDir,
    async addSummaries(run, steps) {
      await mkdir(runDir(run), { recursive: true });
      const writer = new SummaryWriter(runDir(run), 0);
      for (const step of steps) {
        await writer.add({ step, loss: 3 / step, crossEntropy: 2.5 / step, regularization: 0.5 / step, learningRate: 0.01 * 0.9 ** step, imagesPerSec: 20 + step, inputWaitRatio: 0.1 });
      }
    },
    async addEvaluation(run, step, favoured) {
      const shift = [0, 0, 0];
      shift[favoured] = 20;
      shiftLogitsBias(net, shift);
      await saveTinyCheckpoint(runDir(run), step, net);
      shiftLogitsBias(net, shift.map((v) => -v));
      const evaluation = await evaluateCheckpoint({ checkpointPath: path.join(runDir(run), `model.ckpt-${step}`), datasetDir: manifest.dir, imageSize: TINY_NET.imageSize, batchSize: 4, k: 5, engineWorkers: 1 });
      const record = evaluatedRecord(evaluation, { jobId: `${run}-job`, trainDir: runDir(run) });
      await writeEvaluationRecord(path.join(runDir(run), EVAL_DIR_NAME), record);
      return record;
    },
    dispose: () => net.model.dispose(),
  };
}
