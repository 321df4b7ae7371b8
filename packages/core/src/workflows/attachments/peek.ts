import { Readable } from "node:stream";

/** The first `bytes` of a stream, and the whole stream again (sample first) for the rest. */
export async function peek(
  body: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ sample: Uint8Array; whole: Readable }> {
  const iterator = body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  const sample = Buffer.concat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    sample: sample.subarray(0, bytes),
    whole: Readable.from(replay(), { objectMode: false }),
  };
}
