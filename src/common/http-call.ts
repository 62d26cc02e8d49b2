/** How a message names one HTTP call: its method, its path and the server, never a credential. */
export function callName(method: string, url: string | URL): string {
  const parsed = new URL(url);
  return `${method} ${parsed.pathname} on ${parsed.origin}`;
}

/** The one wording every client uses when the headers came and the body stalled. */
export function bodyTimeoutMessage(method: string, url: string | URL, seconds: number): string {
  return `${callName(method, url)}: the answer's body did not finish within ${seconds} s`;
}
