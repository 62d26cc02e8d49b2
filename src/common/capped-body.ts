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

/** A fetch Response's body as text, under the cap (see readCappedSource). */
export async function readCappedText(res: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const body = res.body;
  const declared = res.headers.get("content-length");
  if (!body) return "";
  const reader = body.getReader();
  const chunks = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    },
  };
  return readCappedSource(
    { declaredLength: declared === null ? null : Number(declared), chunks, cancel: () => reader.cancel() },
    maxBytes,
  );
}
