// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { Evaluation as _finetune_evaluator_v1_Evaluation, Evaluation__Output as _finetune_evaluator_v1_Evaluation__Output } from '../../../finetune/evaluator/v1/Evaluation';

/**
 * The evaluations found; none is an empty list, not an error.
 */
export interface ListEvaluationsResponse {
  /**
   * Evaluations sorted by step, oldest first.
   */
  'evaluations'?: (_finetune_evaluator_v1_Evaluation)[];
}

/**
 * The evaluations found; none is an empty list, not an error.
 */
export interface ListEvaluationsResponse__Output {
  /**
   * Evaluations sorted by step, oldest first.
   */
  'evaluations': (_finetune_evaluator_v1_Evaluation__Output)[];
}
