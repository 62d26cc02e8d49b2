/** A small JSON-over-HTTP client for the drain collector: it talks to the twin or a live API the same way. */
import {
  bodyTimeoutMessage,
  callName,
  fetchFailure,
  ResponseTooLarge,
  readCappedText,
  UserError,
  withoutUserinfo,
} from "../common/index.js";
export interface ApiTarget {
  /** The API base, e.g. http://127.0.0.1:4321/api */
  url: string;
  user?: string;
  password?: string;
  token?: string;
  /** Give up on a call after this long, body included; 30 s unless set. */
  timeoutSeconds?: number;
}

/** The largest answer read, in bytes, as nemesis-ctl reads: every contract answer is a few kB. */
export { MAX_RESPONSE_BYTES } from "../common/index.js";
export const DEFAULT_TIMEOUT_SECONDS = 30;

export class DrainError extends UserError {
  override name = "DrainError";
}

function headers(target: ApiTarget): Record<string, string> {
  const auth = target.token
    ? `Bearer ${target.token}`
    : `Basic ${Buffer.from(`${target.user ?? "n"}:${target.password ?? "n"}`).toString("base64")}`;
  return { authorization: auth, "content-type": "application/json" };
}

/** The twin's control routes live at the server root, beside /api. */
export function twinUrl(target: ApiTarget, path: string): string {
  return new URL(path, target.url).href;
}

export async function callJson<T>(
  target: ApiTarget,
  method: string,
  address: string,
  body?: unknown,
): Promise<T> {
  const timeoutSeconds = target.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  // The credentials go in the header: fetch refuses a URL that carries them, and quotes it whole when it does.
  const url = withoutUserinfo(address);
  const what = callName(method, url);
  // One signal for the whole call: a server that sends headers and then stalls the body is cut off too.
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: headers(target),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw new DrainError(`${what}: no answer within ${timeoutSeconds} s`);
    throw new DrainError(`cannot reach ${url.origin}: ${fetchFailure(err)}`);
  }
  let text: string;
  try {
    text = await readCappedText(res);
  } catch (err) {
    if (err instanceof ResponseTooLarge) throw new DrainError(`${what}: ${err.message}, the most read`);
    if (signal.aborted) throw new DrainError(bodyTimeoutMessage(method, url, timeoutSeconds));
    throw new DrainError(`${what}: the answer was cut short`);
  }
  if (!res.ok) {
    let message = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not the error body; keep the text
    }
    throw new DrainError(`${what} answered HTTP ${res.status}: ${message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DrainError(`${what} answered malformed JSON`);
  }
}
