/** The most of an API answer any client here reads: every contract answer is a few kB. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** An answer past the cap; each client words it as its own error, naming the call. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes / (1024 * 1024)} MB`);
  }
}

/** A body to read under the cap: its declared length, if any, its bytes as they stream, and how to stop them. */
export interface CappedSource {
  declaredLength: number | null;
  chunks: AsyncIterable<Uint8Array>;
  cancel(): Promise<void> | void;
}

/**
 * A body as text, counted while it streams: past `maxBytes` (or a declared length past it) the body is cancelled,
 * never held in memory. Any client's body reads through here, a fetch Response's or a node:http answer's.
 */
export async function readCappedSource(source: CappedSource, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  if ((source.declaredLength ?? 0) > maxBytes) {
    await source.cancel();
    throw new ResponseTooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await source.cancel();
      throw new ResponseTooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
