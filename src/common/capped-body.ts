import type { Readable } from "node:stream";

/** The most of an API answer any client here reads: every contract answer is a few kB. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** An answer past the cap; each client words it as its own error, naming the call. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes / (1024 * 1024)} MB`);
  }
}

/** A body to read under the cap: its declared length, if any, and its bytes as a node stream. */
export interface CappedSource {
  declaredLength: number | null;
  stream: Readable;
}

/**
 * A body as text, counted while it streams: past `maxBytes` (or a declared length past it) the stream is destroyed,
 * the body never held in memory. A stream that errors or closes before its end is cut short. Read with the stream's
 * events rather than its async iterator, which costs a CLI about half a millisecond to set up for one small answer.
 */
export function readCappedSource(source: CappedSource, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const { stream } = source;
  return new Promise<string>((resolve, reject) => {
    const refuse = () => {
      reject(new ResponseTooLarge(maxBytes));
      stream.destroy();
    };
    if ((source.declaredLength ?? 0) > maxBytes) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) refuse();
      else chunks.push(chunk);
    });
    stream.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.once("error", reject);
    // After "end" this changes nothing: a promise settles once.
    stream.once("close", () => reject(new Error("the stream closed before its end")));
  });
}
