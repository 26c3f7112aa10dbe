// Picks the micro-batch size from a memory budget and the activation sizes of the split model.
import type { SplitPlan } from './split-plan';

/** Default activation budget: a quarter of the 4 GiB wasm heap, leaving room for weights, slots and the cache. */
export const MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

/**
 * The suffix keeps every activation for backprop, plus their gradients and the kernels' scratch: counted
 * three times. The prefix frees activations as it goes: its peak is about two layers' inputs and outputs.
 */
const TAPE_FACTOR = 3;
const FORWARD_FACTOR = 2;
const FLOAT_BYTES = 4;

function elementsPerExample(shape: readonly (number | null)[] | undefined): number {
  // Unknown non-batch dimensions count as 1: the nets here all have fixed input sizes.
  return (shape ?? []).slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);
}

/** Estimated peak bytes one example needs while a step runs. */
export function bytesPerExample(plan: SplitPlan): number {
  const size = (id: number) => elementsPerExample(plan.graph.shapes.get(id));
  let prefixPeak = 0;
  for (const { node } of plan.frozen) {
    const live = [...node.inputs, ...node.outputs].reduce((n, id) => n + size(id), 0);
    prefixPeak = Math.max(prefixPeak, live * FORWARD_FACTOR);
  }
  let suffix = plan.boundary.reduce((n, id) => n + size(id), 0);
  for (const { node } of plan.trainable) suffix += node.outputs.reduce((n, id) => n + size(id), 0) * TAPE_FACTOR;
  return Math.max(prefixPeak, suffix) * FLOAT_BYTES;
}

/** The largest micro-batch (at least 1, at most the batch) whose estimated activations fit `budgetBytes`. */
export function chooseMicroBatch(batchSize: number, plan: SplitPlan, budgetBytes: number): number {
  const fits = Math.floor(budgetBytes / Math.max(bytesPerExample(plan), 1));
  return Math.max(1, Math.min(batchSize, fits));
}
