/** The most of an API answer any client here reads: every contract answer is a few kB. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** An answer past the cap; each client words it as its own error, naming the call. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes / (1024 * 1024)} MB`);
  }
}

/**
 * What the capped read needs of an answer: its headers and its body as a web stream. A fetch Response is one, and
 * so is a node:http answer wrapped without loading fetch's undici.
 */
export interface CappedSource {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

/**
 * An answer's body as text, counted while it streams: past `maxBytes` (or a Content-Length past it) the body is
 * cancelled, never held in memory.
 */
export async function readCappedText(res: CappedSource, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  if (Number(res.headers.get("content-length") ?? 0) > maxBytes) {
    await res.body?.cancel();
    throw new ResponseTooLarge(maxBytes);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
