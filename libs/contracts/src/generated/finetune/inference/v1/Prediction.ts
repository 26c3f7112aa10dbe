// Original file: proto/finetune/inference/v1/inference.proto


/**
 * One label of a classification.
 */
export interface Prediction {
  /**
   * Class name, e.g. `water`.
   */
  'label'?: (string);
  /**
   * Index of the class in the model's labels.
   */
  'label_index'?: (number);
  /**
   * The raw logit, what the reference printed as `score`.
   */
  'score'?: (number | string);
  /**
   * Softmax probability over all classes, in [0, 1].
   */
  'probability'?: (number | string);
}

/**
 * One label of a classification.
 */
export interface Prediction__Output {
  /**
   * Class name, e.g. `water`.
   */
  'label': (string);
  /**
   * Index of the class in the model's labels.
   */
  'label_index': (number);
  /**
   * The raw logit, what the reference printed as `score`.
   */
  'score': (number);
  /**
   * Softmax probability over all classes, in [0, 1].
   */
  'probability': (number);
}
