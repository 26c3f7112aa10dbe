// A FIFO of incoming chunks that hands out exact byte counts, so records may span any chunk boundaries.

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private first = 0; // index of the oldest unconsumed chunk (no Array.shift: O(n) per call with tiny chunks)
  private head = 0; // bytes already consumed from chunks[first]
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Removes and returns the next `n` bytes as a fresh buffer (never a view into a chunk). Caller checks length. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[this.first];
      const want = Math.min(c.length - this.head, n - filled);
      out.set(c.subarray(this.head, this.head + want), filled);
      filled += want;
      this.head += want;
      if (this.head === c.length) {
        this.first++;
        this.head = 0;
      }
    }
    this.length -= n;
    if (this.first > 64 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
    return out;
  }

  /** The first `n` bytes without consuming them (copy). */
  peek(n: number): Uint8Array {
    const out = new Uint8Array(Math.min(n, this.length));
    let filled = 0;
    let head = this.head;
    for (let i = this.first; i < this.chunks.length && filled < out.length; i++) {
      const c = this.chunks[i];
      const want = Math.min(c.length - head, out.length - filled);
      out.set(c.subarray(head, head + want), filled);
      filled += want;
      head = 0;
    }
    return out;
  }
}
