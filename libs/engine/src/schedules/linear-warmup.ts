// --warmup_steps: the rate rises linearly from 0 to --learning_rate, then the decay type's schedule runs as it
// would from step 0, so its decay steps count from the end of warmup. Any decay type takes it.
import type { LearningRateSchedule } from './learning-rate-schedule';

export function withLinearWarmup(schedule: LearningRateSchedule, learningRate: number, warmupSteps: number): LearningRateSchedule {
  if (warmupSteps === 0) return schedule;
  return {
    name: schedule.name,
    // step / warmup_steps, as Keras's and Hugging Face's warmups: step 0 updates at rate 0, step warmup_steps at the full rate.
    rateAt: (step) => (step < warmupSteps ? (learningRate * step) / warmupSteps : schedule.rateAt(step - warmupSteps)),
  };
}
