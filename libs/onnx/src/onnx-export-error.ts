// A layers model that has no ONNX equivalent here: names the layer and what it is.

/** Same string as `@finetune/runtime`'s ErrorKind, so the service edge maps it without this lib depending on gRPC. */
export type OnnxErrorKind = 'failed-precondition';

export class OnnxExportError extends Error {
  readonly kind: OnnxErrorKind = 'failed-precondition';

  constructor(
    readonly layer: string,
    reason: string,
  ) {
    super(`ONNX export: layer ${layer} ${reason}`);
    this.name = new.target.name;
  }
}
