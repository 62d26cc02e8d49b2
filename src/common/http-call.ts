import { errnoCode, ownMessage } from "./errors.js";
import { redactUrl } from "./redact-url.js";

/** How a message names one HTTP call: its method, its path and the server, never a credential. */
export function callName(method: string, url: string | URL): string {
  const parsed = new URL(url);
  return `${method} ${parsed.pathname} on ${parsed.origin}`;
}

/** The one wording every client uses when the headers came and the body stalled. */
export function bodyTimeoutMessage(method: string, url: string | URL, seconds: number): string {
  return `${callName(method, url)}: the answer's body did not finish within ${seconds} s`;
}

/**
 * Why fetch failed, in a word where it has one: the system's code (ECONNREFUSED), else its cause ("bad port"),
 * rather than its own "fetch failed". Any URL quoted in it keeps its password to itself.
 */
export function fetchFailure(err: unknown): string {
  const cause = typeof err === "object" && err !== null && "cause" in err ? err.cause : undefined;
  const reason = [errnoCode(cause), ownMessage(cause), ownMessage(err)].find((r) => r);
  return redactUrl(String(reason ?? err));
}
