// A layers model that has no ONNX equivalent here: names the layer and what it is.
import { FinetuneError } from '@finetune/runtime/finetune-error';

export class OnnxExportError extends FinetuneError<'failed-precondition'> {
  constructor(
    readonly layer: string,
    reason: string,
  ) {
    super('failed-precondition', `ONNX export: layer ${layer} ${reason}`);
  }
}
