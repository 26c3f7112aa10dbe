// Typed errors of dataset conversion and reading; each names the folder, file, option or manifest field at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The kinds of failure this library reports: a part of FinetuneError's ErrorKind. */
export type DatasetErrorKind = 'invalid-argument' | 'not-found' | 'already-exists' | 'cancelled' | 'failed-precondition';

export class DatasetError extends FinetuneError<DatasetErrorKind> {}

/** An input folder (train, validation, a dataset folder) that does not exist or is not a folder. */
export class MissingFolderError extends DatasetError {
  constructor(
    readonly path: string,
    /** What the folder was for: 'train', 'validation', 'dataset', ... */
    readonly role: string,
    options?: { cause?: unknown },
  ) {
    super('not-found', `${role} folder ${path} does not exist or is not a folder`, options);
  }
}

/** A folder with no class subfolders. */
export class NoClassesError extends DatasetError {
  constructor(readonly path: string) {
    super('invalid-argument', `${path} has no class subfolders: expected <class>/<image> files under it`);
  }
}

/** A class folder without any image files. */
export class EmptyClassError extends DatasetError {
  constructor(
    readonly path: string,
    readonly className: string,
  ) {
    super('invalid-argument', `class folder ${path} has no images; add some or remove the folder`);
  }
}

/** A class in the validation folder that the train folder lacks, so it has no label. */
export class UnknownValidationClassError extends DatasetError {
  constructor(
    readonly path: string,
    readonly className: string,
  ) {
    super('invalid-argument', `validation class folder ${path} has no counterpart in the train folder, so '${className}' has no label`);
  }
}

/** A file that is not an image sharp can decode, or a corrupt one. */
export class InvalidImageError extends DatasetError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${path} is not a valid image: ${reason} (use skipInvalid to skip such files)`, options);
  }
}

/** A bad option value; `option` is spelled as in ConvertOptions. */
export class InvalidOptionError extends DatasetError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    detail: string,
  ) {
    super('invalid-argument', `option ${option}=${JSON.stringify(value)}: ${detail}`);
  }
}

/** The output folder already holds a dataset (or parts of one) and overwrite is off. */
export class DatasetExistsError extends DatasetError {
  constructor(
    readonly outputDir: string,
    /** The existing file that shows it. */
    readonly existing: string,
  ) {
    super('already-exists', `${outputDir} already holds a dataset (found ${existing}); pass overwrite to replace it`);
  }
}

/** manifest.json missing, unreadable or with a bad field; `field` is a JSON path such as `splits.train.shards[1].sha256`. */
export class ManifestError extends DatasetError {
  constructor(
    readonly path: string,
    readonly field: string,
    detail: string,
    options?: { cause?: unknown; kind?: DatasetErrorKind },
  ) {
    super(options?.kind ?? 'invalid-argument', `${path}: ${field ? `field ${field}: ` : ''}${detail}`, options);
  }
}

/** The AbortSignal fired; nothing was published under final names. */
export class ConversionAbortedError extends DatasetError {
  constructor(options?: { cause?: unknown }) {
    super('cancelled', 'dataset conversion was aborted; no output was written', options);
  }
}

/** A worker thread failed for a reason other than a bad image (I/O, crash). */
export class ConversionWorkerError extends DatasetError {
  constructor(
    readonly worker: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('failed-precondition', `conversion worker ${worker} failed: ${detail}`, options);
  }
}
