// Original file: proto/finetune/dataset/v1/dataset.proto


/**
 * Source layout where one folder of class sub-directories is split into train and validation.
 */
export interface RatioSplit {
  /**
   * Directory whose sub-directories are the classes; their sorted names are the labels.
   */
  'directory'?: (string);
  /**
   * Fraction of each class's images put in the validation split, in (0, 1).
   */
  'validation_ratio'?: (number | string);
  /**
   * Seed of the shuffle that decides the split; the same seed and files give the same split.
   */
  'seed'?: (number);
}

/**
 * Source layout where one folder of class sub-directories is split into train and validation.
 */
export interface RatioSplit__Output {
  /**
   * Directory whose sub-directories are the classes; their sorted names are the labels.
   */
  'directory': (string);
  /**
   * Fraction of each class's images put in the validation split, in (0, 1).
   */
  'validation_ratio': (number);
  /**
   * Seed of the shuffle that decides the split; the same seed and files give the same split.
   */
  'seed': (number);
}
