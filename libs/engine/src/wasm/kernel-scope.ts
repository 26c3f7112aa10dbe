// Runs wasm-backend kernels from inside another kernel and frees every intermediate result.
import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { KernelArgumentError } from './kernel-errors';

/**
 * Composite kernels call the backend's own kernelFuncs directly (as tfjs's kernels do), not the
 * public ops: ops inside a kernelFunc would be recorded on the gradient tape and tracked twice.
 */
export class KernelScope {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    private readonly backend: KernelBackend,
    private readonly backendName: string,
    private readonly caller: string,
  ) {}

  /** Runs `kernelName` on this scope's backend; the result is freed by `finish` unless returned. */
  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(kernelName, this.backendName);
    if (kernel === undefined) {
      throw new KernelArgumentError(this.caller, 'backend', `has no ${kernelName} kernel on ${this.backendName}`);
    }
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) {
      throw new KernelArgumentError(this.caller, kernelName, 'returned several tensors where one was expected');
    }
    this.intermediates.push(out);
    return out;
  }

  /** Frees every intermediate except `result` and returns it. */
  finish(result: TensorInfo): TensorInfo {
    for (const info of this.intermediates) {
      if (info !== result) this.backend.disposeData(info.dataId);
    }
    this.intermediates.length = 0;
    return result;
  }

  /** Frees everything, for the error path. */
  abandon(): void {
    for (const info of this.intermediates) this.backend.disposeData(info.dataId);
    this.intermediates.length = 0;
  }
}
