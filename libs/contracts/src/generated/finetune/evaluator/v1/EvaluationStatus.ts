// Original file: proto/finetune/evaluator/v1/evaluator.proto

/**
 * Whether an Evaluate call computed new numbers.
 */
export const EvaluationStatus = {
  /**
   * Never set by the evaluator.
   */
  EVALUATION_STATUS_UNSPECIFIED: 'EVALUATION_STATUS_UNSPECIFIED',
  /**
   * The checkpoint was evaluated by this call.
   */
  EVALUATION_STATUS_EVALUATED: 'EVALUATION_STATUS_EVALUATED',
  /**
   * Nothing was computed; skip_reason says why (e.g. already evaluated at this step).
   */
  EVALUATION_STATUS_SKIPPED: 'EVALUATION_STATUS_SKIPPED',
} as const;

/**
 * Whether an Evaluate call computed new numbers.
 */
export type EvaluationStatus =
  /**
   * Never set by the evaluator.
   */
  | 'EVALUATION_STATUS_UNSPECIFIED'
  | 0
  /**
   * The checkpoint was evaluated by this call.
   */
  | 'EVALUATION_STATUS_EVALUATED'
  | 1
  /**
   * Nothing was computed; skip_reason says why (e.g. already evaluated at this step).
   */
  | 'EVALUATION_STATUS_SKIPPED'
  | 2

/**
 * Whether an Evaluate call computed new numbers.
 */
export type EvaluationStatus__Output = typeof EvaluationStatus[keyof typeof EvaluationStatus]
