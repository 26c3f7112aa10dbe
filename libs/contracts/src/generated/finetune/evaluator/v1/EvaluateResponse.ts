// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { Evaluation as _finetune_evaluator_v1_Evaluation, Evaluation__Output as _finetune_evaluator_v1_Evaluation__Output } from '../../../finetune/evaluator/v1/Evaluation';

/**
 * Result of an Evaluate call.
 */
export interface EvaluateResponse {
  /**
   * The new evaluation, or the stored one when the status is SKIPPED.
   */
  'evaluation'?: (_finetune_evaluator_v1_Evaluation | null);
}

/**
 * Result of an Evaluate call.
 */
export interface EvaluateResponse__Output {
  /**
   * The new evaluation, or the stored one when the status is SKIPPED.
   */
  'evaluation': (_finetune_evaluator_v1_Evaluation__Output | null);
}
