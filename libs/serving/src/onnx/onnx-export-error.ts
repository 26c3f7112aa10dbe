// A layers model that has no ONNX equivalent here: names the layer and what it is.
import { ServingError } from '../errors';

export class OnnxExportError extends ServingError {
  constructor(
    readonly layer: string,
    reason: string,
  ) {
    super('failed-precondition', `ONNX export: layer ${layer} ${reason}`);
  }
}
