import { Transform, type TransformCallback } from "node:stream";

import { ObjectTooLargeError } from "./types";

/** Passes bytes through and fails the pipeline once more than `maxBytes` went by. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new ObjectTooLargeError(this.maxBytes));
      return;
    }
    done(null, chunk);
  }
}
