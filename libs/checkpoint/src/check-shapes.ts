// Checks a model's expected variable shapes against a checkpoint before restoring, naming the first mismatch.
import type { CheckpointReader } from './checkpoint-reader';
import { ShapeMismatchError } from './errors';

export interface ExpectedVariable {
  name: string;
  shape: readonly number[];
}

/**
 * Throws ShapeMismatchError for the first variable whose shape differs (e.g. a 1001-class Logits head
 * restored into a 5-class model: exclude it with --checkpoint_exclude_scopes), and UnknownVariableError
 * for one the checkpoint lacks.
 */
export function checkShapes(expected: readonly ExpectedVariable[], reader: CheckpointReader): void {
  for (const { name, shape } of expected) {
    const actual = reader.info(name).shape;
    if (actual.length !== shape.length || actual.some((d, i) => d !== shape[i])) throw new ShapeMismatchError(name, shape, actual);
  }
}
