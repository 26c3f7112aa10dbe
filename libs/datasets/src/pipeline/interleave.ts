// Round-robin interleave of shards, as tf.data's interleave(cycle_length, block_length=1): a few open at a time.

/**
 * Yields one item from each of `cycle` open sources in turn. A finished source's place goes to the next
 * unopened one, so at most `cycle` sources (file handles, read buffers) are open at once.
 */
export async function* interleave<T>(sources: ReadonlyArray<() => AsyncIterable<T>>, cycle: number): AsyncGenerator<T> {
  let next = 0;
  const open = (): AsyncIterator<T> | undefined => (next < sources.length ? sources[next++]()[Symbol.asyncIterator]() : undefined);
  const active: AsyncIterator<T>[] = [];
  for (let i = 0; i < cycle; i++) {
    const it = open();
    if (it) active.push(it);
  }
  try {
    let i = 0;
    while (active.length > 0) {
      const r = await active[i].next();
      if (r.done) {
        const replacement = open();
        if (replacement) active[i] = replacement;
        else active.splice(i, 1);
        // The replacement (or the source that slid into slot i) is read next, keeping the turn order.
        if (i >= active.length) i = 0;
        continue;
      }
      yield r.value;
      i = (i + 1) % active.length;
    }
  } finally {
    // Stopped early (return() or an error): close the sources still open.
    await Promise.all(active.map((it) => it.return?.()));
  }
}
