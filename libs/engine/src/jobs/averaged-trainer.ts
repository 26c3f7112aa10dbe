// --moving_average_decay on any JobTrainer (this thread, the data-parallel workers, a feature cache): TF-Slim's
// ExponentialMovingAverage of what training changes, updated after every step, saved with every checkpoint as
// `<var>/ExponentialMovingAverage` and restored with it.
import * as tf from '@tensorflow/tfjs';
import { isMovingAverageName } from '@finetune/nets';
import { ExponentialMovingAverage } from '../training/exponential-moving-average';
import type { StepResult } from '../training/training-session';
import type { JobTrainer } from './job-trainer';

/**
 * Slim averages slim.get_model_variables(); this averages the variables training changes: the trained ones and the
 * batch-norm moving statistics a step updates. Any other variable's average would be the variable itself (the shadow
 * starts at its value and every update moves it by (1 - d) * 0), so it is not stored, and reading a checkpoint's
 * averages takes that variable as it is: the same numbers as Slim's, at about half the checkpoint size in a head-only run.
 * A shadow restored from the checkpoint is kept up to date even when its variable is no longer trained.
 */
export function withMovingAverages(trainer: JobTrainer, decay: number): JobTrainer {
  const average = new ExponentialMovingAverage(decay);
  const changing = [...new Set([...trainer.split.trainedVariables, ...trainer.split.updatedStatistics])];

  /** Shadows start at the variables' values: those restored, before the first update. */
  const start = () => {
    const fresh = changing.filter((name) => !average.has(name));
    if (fresh.length === 0) return;
    const values = trainer.variableValues(fresh);
    try {
      average.track(values);
    } finally {
      tf.dispose([...values.values()]);
    }
  };
  const stepped = async (run: () => Promise<StepResult>): Promise<StepResult> => {
    start();
    const result = await run();
    const values = trainer.variableValues(average.names);
    try {
      // num_updates is the global step the update started from.
      average.apply(result.globalStep - 1, values);
    } finally {
      tf.dispose([...values.values()]);
    }
    return result;
  };

  return {
    get globalStep() {
      return trainer.globalStep;
    },
    get split() {
      return trainer.split;
    },
    get workers() {
      return trainer.workers;
    },
    microBatchFor: (batchSize) => trainer.microBatchFor(batchSize),
    step: (images, count, labels, options) => stepped(() => trainer.step(images, count, labels, options)),
    isCached: (ids) => trainer.isCached(ids),
    stepFromCache: (ids, labels) => stepped(() => trainer.stepFromCache(ids, labels)),
    variableValues: (names) => trainer.variableValues(names),
    exportState() {
      start();
      const state = trainer.exportState();
      for (const [name, shadow] of average.exportState()) state.set(name, shadow);
      return state;
    },
    async importState(state) {
      const own = new Map([...state].filter(([name]) => !isMovingAverageName(name)));
      await trainer.importState(own);
      // A checkpoint without a variable's shadow starts it afresh, from the variable as restored.
      average.dispose();
      average.importState(state);
    },
    async dispose() {
      average.dispose();
      await trainer.dispose();
    },
  };
}
