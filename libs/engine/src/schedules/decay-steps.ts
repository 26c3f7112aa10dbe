// decay_steps of the reference's _configure_learning_rate, validated so it can never divide by zero.
import type { ScheduleOptions } from './learning-rate-schedule';
import { InvalidScheduleOptionError } from './schedule-errors';

/** int(num_samples_per_epoch / batch_size * num_epochs_per_decay), truncated as Python's int() does. */
export function decaySteps(o: ScheduleOptions): number {
  if (!(o.numSamplesPerEpoch > 0)) {
    throw new InvalidScheduleOptionError('num_samples_per_epoch', o.numSamplesPerEpoch, 'the train split must hold examples');
  }
  if (!(o.batchSize >= 1)) throw new InvalidScheduleOptionError('batch_size', o.batchSize, 'must be >= 1');
  if (!(o.numEpochsPerDecay > 0)) {
    throw new InvalidScheduleOptionError('num_epochs_per_decay', o.numEpochsPerDecay, 'must be > 0');
  }
  const steps = Math.trunc((o.numSamplesPerEpoch / o.batchSize) * o.numEpochsPerDecay);
  if (steps < 1) {
    throw new InvalidScheduleOptionError(
      'num_epochs_per_decay',
      o.numEpochsPerDecay,
      `${o.numSamplesPerEpoch} examples / batch ${o.batchSize} * ${o.numEpochsPerDecay} epochs gives 0 decay steps; raise it`,
    );
  }
  return steps;
}
