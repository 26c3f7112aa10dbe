// A checkpoint read through its exponential moving averages, as eval_image_classifier with --moving_average_decay
// restores variable_averages.variables_to_restore(): each variable from `<var>/ExponentialMovingAverage`.
import type { CheckpointSource } from './checkpoint-source';
import { MissingVariablesError } from './errors';

/** What tf.train.ExponentialMovingAverage names a variable's shadow, beside the variable in the checkpoint. */
export const MOVING_AVERAGE_SUFFIX = '/ExponentialMovingAverage';

/** The decays --moving_average_decay takes: (0, 1); 0 would keep no history, 1 would never move. */
export const MOVING_AVERAGE_DECAY_RANGE = { min: 0, max: 1, minOpen: true, maxOpen: true } as const;

export function isMovingAverageDecay(value: number): boolean {
  return Number.isFinite(value) && value > MOVING_AVERAGE_DECAY_RANGE.min && value < MOVING_AVERAGE_DECAY_RANGE.max;
}

export function movingAverageName(variable: string): string {
  return `${variable}${MOVING_AVERAGE_SUFFIX}`;
}

export function isMovingAverageName(name: string): boolean {
  return name.endsWith(MOVING_AVERAGE_SUFFIX);
}

/**
 * `source` with each variable's values replaced by its moving average, and the averages themselves hidden. A variable
 * without one keeps its own value: Finetune averages only what training changes, and an unchanged variable's average
 * is the variable (its shadow starts there and never moves). A checkpoint with no average at all was not trained with
 * --moving_average_decay: MissingVariablesError names it and the first variable's missing average.
 */
export function movingAverageSource(source: CheckpointSource): CheckpointSource {
  const entries = source.list();
  const averaged = new Set(entries.filter((e) => isMovingAverageName(e.name)).map((e) => e.name.slice(0, -MOVING_AVERAGE_SUFFIX.length)));
  const variables = entries.filter((e) => !isMovingAverageName(e.name));
  if (averaged.size === 0) {
    const first = variables.find((e) => e.name.includes('/')) ?? variables[0];
    throw new MissingVariablesError(
      source.path ?? 'the checkpoint',
      [movingAverageName(first?.name ?? '<variable>')],
      'it holds no moving averages (it was trained without --moving_average_decay); drop --moving_average_decay to read its variables',
    );
  }
  return {
    ...(source.path !== undefined && { path: source.path }),
    list: () => variables.map((e) => ({ ...e, shape: [...e.shape] })),
    read: (name) => source.read(averaged.has(name) ? movingAverageName(name) : name),
  };
}
