// A wasm kernel Finetune puts in place of the backend's own for the inputs where that one is slow.
import type { KernelConfig } from '@tensorflow/tfjs-core';

/** Builds the replacement from the stock kernel, which it calls for every input it does not speed up. */
export interface KernelOverride {
  kernelName: string;
  override(stock: KernelConfig): KernelConfig;
}
