// Options of image-folder conversion, mirroring build_image_data.py's flags, with defaults and validation.
import { InvalidOptionError } from './errors';

/** Shards per split and threads, as the reference's defaults for flowers-sized data. */
export const DEFAULT_TRAIN_SHARDS = 2;
export const DEFAULT_VALIDATION_SHARDS = 2;
export const DEFAULT_NUM_THREADS = 2;
/** build_image_data.py seeds its shuffle with 12345; we keep the number. */
export const DEFAULT_SEED = 12345;
export const DEFAULT_DATASET_NAME = 'dataset';

export type SplitName = 'train' | 'validation';

/** Reported after each image (converted or skipped). */
export interface ConvertProgress {
  split: SplitName;
  /** Images of this split handled so far. */
  done: number;
  /** Images of this split in all. */
  total: number;
}

export interface ConvertOptions {
  /** Folder of class subfolders (`<trainDir>/<class>/<image>`); all images when split by validationRatio. */
  trainDir: string;
  /** Folder of class subfolders for validation; every class must exist in trainDir. */
  validationDir?: string;
  /** Where shards, label.txt and manifest.json go; created if missing. */
  outputDir: string;
  /** Prefix of shard names: `<name>_train_00000-of-00002.tfrecord`. @default 'dataset' */
  datasetName?: string;
  /** @default 2 */
  trainShards?: number;
  /** @default 2 */
  validationShards?: number;
  /** Worker threads; must divide both shard counts, as in the reference. @default 2 */
  numThreads?: number;
  /** Replace a dataset already in outputDir. @default false */
  overwrite?: boolean;
  /** Skip corrupt and non-image files (counted in the result and manifest) instead of failing. @default false */
  skipInvalid?: boolean;
  /** Without validationDir: the fraction of each class's images held out for validation, in [0, 1). @default 0 */
  validationRatio?: number;
  /** Seed of the validation split and of the shuffle across shards. @default 12345 */
  seed?: number;
  /**
   * When set, a class folder or image that is a symlink landing outside this folder is refused (a service's
   * data root); unset, symlinks are followed wherever they go, as a local user expects.
   */
  dataRoot?: string;
  onProgress?: (progress: ConvertProgress) => void;
  signal?: AbortSignal;
}

export type ResolvedConvertOptions = Required<Omit<ConvertOptions, 'validationDir' | 'dataRoot' | 'onProgress' | 'signal'>> &
  Pick<ConvertOptions, 'validationDir' | 'dataRoot' | 'onProgress' | 'signal'>;

/** Dataset names become file-name prefixes: no separators, no leading dot. */
const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function defaultConvertOptions(): Omit<ResolvedConvertOptions, 'trainDir' | 'outputDir'> {
  return {
    datasetName: DEFAULT_DATASET_NAME,
    trainShards: DEFAULT_TRAIN_SHARDS,
    validationShards: DEFAULT_VALIDATION_SHARDS,
    numThreads: DEFAULT_NUM_THREADS,
    overwrite: false,
    skipInvalid: false,
    validationRatio: 0,
    seed: DEFAULT_SEED,
  };
}

function positiveInt(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(option, value, 'must be a whole number of at least 1');
}

/** Fills defaults and checks every value; the first bad one throws InvalidOptionError naming it. */
export function resolveConvertOptions(options: ConvertOptions): ResolvedConvertOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ConvertOptions;
  const o: ResolvedConvertOptions = { ...defaultConvertOptions(), ...defined };
  if (typeof o.trainDir !== 'string' || o.trainDir === '') throw new InvalidOptionError('trainDir', o.trainDir, 'is required');
  if (typeof o.outputDir !== 'string' || o.outputDir === '') throw new InvalidOptionError('outputDir', o.outputDir, 'is required');
  if (!DATASET_NAME.test(o.datasetName)) {
    throw new InvalidOptionError('datasetName', o.datasetName, 'use letters, digits, ".", "_" or "-", not starting with "." or "-"');
  }
  positiveInt('trainShards', o.trainShards);
  positiveInt('validationShards', o.validationShards);
  positiveInt('numThreads', o.numThreads);
  // The reference asserts this: each thread writes a whole number of shards of each split.
  for (const option of ['trainShards', 'validationShards'] as const) {
    if (o[option] % o.numThreads !== 0) {
      throw new InvalidOptionError(
        'numThreads',
        o.numThreads,
        `must divide ${option} (${o[option]}); each thread writes a whole number of shards`,
      );
    }
  }
  if (typeof o.validationRatio !== 'number' || !(o.validationRatio >= 0 && o.validationRatio < 1)) {
    throw new InvalidOptionError('validationRatio', o.validationRatio, 'must be at least 0 and below 1');
  }
  if (o.validationDir !== undefined && o.validationRatio > 0) {
    throw new InvalidOptionError('validationRatio', o.validationRatio, 'cannot be used together with validationDir');
  }
  if (!Number.isSafeInteger(o.seed)) throw new InvalidOptionError('seed', o.seed, 'must be an integer');
  return o;
}
