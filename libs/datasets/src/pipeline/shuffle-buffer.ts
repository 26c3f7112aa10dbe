// Seeded shuffle through a bounded buffer, as tf.data's shuffle(buffer_size): memory stays at `size` items.

/**
 * Fills a buffer of `size` items, then for each new item yields a random one from the buffer and puts
 * the new one in its place; at the end drains the buffer in random order. A buffer at least as large
 * as the input gives a uniform shuffle.
 */
export async function* shuffleBuffer<T>(items: AsyncIterable<T>, size: number, random: () => number): AsyncGenerator<T> {
  const buffer: T[] = [];
  for await (const item of items) {
    if (buffer.length < size) {
      buffer.push(item);
      continue;
    }
    const j = Math.floor(random() * size);
    const out = buffer[j];
    buffer[j] = item;
    yield out;
  }
  while (buffer.length > 0) {
    const j = Math.floor(random() * buffer.length);
    const out = buffer[j];
    buffer[j] = buffer[buffer.length - 1];
    buffer.pop();
    yield out;
  }
}
