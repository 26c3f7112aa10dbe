// Which weights of a checkpoint an evaluation reads, its variables or their moving averages: the rule, written once,
// for the evaluator's automatic evaluations and for requests alike.
import { InvalidCheckpointMetaError, metaJsonPath, type CheckpointMeta } from '@finetune/checkpoint';
import { isMovingAverageDecay } from '@finetune/nets';

export interface WeightsRequest {
  /** An evaluation nobody asked for (checkpoint.saved): there are no flags, so the checkpoint's training decides. */
  automatic: boolean;
  /** A request's `--moving_average_decay`; unused when automatic. */
  movingAverageDecay?: number;
}

/**
 * The --moving_average_decay an evaluation runs with; undefined: the variables.
 * - Automatic: what the job was trained to keep. A sidecar recording a decay means the job kept averages, and Slim's
 *   eval_image_classifier run with the job's own flag reads those; no sidecar, or no decay in it: the variables.
 * - Requested (`finetune eval`, the Evaluate RPC): the flag's meaning in the reference, whatever the checkpoint
 *   records; absent, the variables. So an averaged job's raw variables stay one request away, and `finetune eval`
 *   says when the averages it did not read are there (CheckpointEvaluation.trainedMovingAverageDecay).
 */
export function evaluatedMovingAverageDecay(request: WeightsRequest, prefix: string, meta: Pick<CheckpointMeta, 'movingAverageDecay'> | undefined): number | undefined {
  if (!request.automatic) return request.movingAverageDecay;
  const recorded = meta?.movingAverageDecay;
  if (recorded !== undefined && !isMovingAverageDecay(recorded)) {
    throw new InvalidCheckpointMetaError(metaJsonPath(prefix), 'movingAverageDecay', `must be a number in (0, 1), not ${recorded}`);
  }
  return recorded;
}
