// Which weights an export freezes, the checkpoint's variables or their moving averages, and whether the step's
// evaluation describes them: the rule, written once.
import path from 'node:path';
import { EVAL_DIR_NAME, evaluationRecordPath, type EvaluatedRecord } from '@finetune/engine';
import { InvalidExportError } from './errors';
import type { CheckpointSelection, SelectedCheckpoint } from './select-checkpoint';

export interface ExportedWeights {
  /** Set: the checkpoint's moving averages are exported, and this decay recorded; undefined: its variables. */
  movingAverageDecay?: number;
  /** The step's evaluation, when it measured these weights: its metrics go on the model. */
  evaluation?: EvaluatedRecord;
}

/**
 * Best by accuracy chose the checkpoint by what its record measured, so it exports those weights: the moving averages
 * when the record was of them (`moving_average_decay`, e.g. the evaluator's automatic evaluation of an averaged job),
 * with or without the flag; a flag asking for the averages of a step measured on its variables is refused naming both.
 * Any other choice exports what the flag says, as the reference does (absent: the variables), and carries the step's
 * metrics only when they were measured on those weights.
 */
export function exportedWeights(trainDir: string, selection: CheckpointSelection, selected: SelectedCheckpoint, requested: number | undefined): ExportedWeights {
  const e = selected.evaluation;
  const measured = e?.moving_average_decay;
  if (selection.kind === 'best-accuracy' && e) {
    if (measured !== undefined || requested === undefined) return { ...(measured !== undefined && { movingAverageDecay: measured }), evaluation: e };
    const record = evaluationRecordPath(path.join(trainDir, EVAL_DIR_NAME), e.step);
    throw new InvalidExportError(
      'moving_average_decay',
      `is ${requested}, but the best checkpoint, step ${e.step}, was chosen by ${record}, which measured its variables, not its moving averages; ` +
        `drop moving_average_decay to export what was measured, or evaluate that step's averages first (finetune eval --moving_average_decay=${requested})`,
    );
  }
  const sameWeights = e && (measured !== undefined) === (requested !== undefined);
  return { ...(requested !== undefined && { movingAverageDecay: requested }), ...(sameWeights && { evaluation: e }) };
}
