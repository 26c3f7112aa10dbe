// Splits a batch into contiguous shares, one per worker, as evenly as whole examples allow.

/** One worker's part of a batch: examples [start, start + count). */
export interface BatchShare {
  worker: number;
  start: number;
  count: number;
}

/**
 * The first `count % workers` workers take one example more; workers whose share would be empty are left
 * out, so a batch smaller than the pool uses only as many workers as it has examples.
 */
export function batchShares(count: number, workers: number): BatchShare[] {
  const base = Math.floor(count / workers);
  const extra = count % workers;
  const shares: BatchShare[] = [];
  let start = 0;
  for (let worker = 0; worker < workers; worker++) {
    const size = base + (worker < extra ? 1 : 0);
    if (size === 0) continue;
    shares.push({ worker, start, count: size });
    start += size;
  }
  return shares;
}
