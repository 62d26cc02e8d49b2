import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface Credentials {
  /** user → password for HTTP Basic. Nemesis ships n:n. */
  users: Record<string, string>;
  /** bearer token → the actor name it acts as. */
  tokens: Record<string, string>;
}

export const NEMESIS_DEFAULT_CREDENTIALS: Credentials = { users: { n: "n" }, tokens: {} };

/** Who a request acts as: the Basic user name, or the name configured for the token; null when nobody. */
export type Authenticate = (req: IncomingMessage) => string | null;

const COLON = 0x3a;

function same(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The scheme and the credentials of an Authorization header: its first two words. */
function schemeAndValue(header: string): [string, string] {
  const space = header.indexOf(" ");
  if (space < 0) return [header.toLowerCase(), ""];
  const end = header.indexOf(" ", space + 1);
  return [header.slice(0, space).toLowerCase(), header.slice(space + 1, end < 0 ? undefined : end)];
}

/**
 * Checks requests against `credentials`, each secret encoded once here rather than on every request. Secrets are
 * compared as bytes in constant time.
 */
export function authenticator(credentials: Credentials): Authenticate {
  // A Map holds own names only: a user called "constructor" or "__proto__" is just an unknown user.
  const passwords = new Map(Object.entries(credentials.users).map(([u, p]) => [u, Buffer.from(p)]));
  const tokens = Object.entries(credentials.tokens).map(([t, actor]) => [Buffer.from(t), actor] as const);

  function basic(value: string): string | null {
    const decoded = Buffer.from(value, "base64");
    const colon = decoded.indexOf(COLON);
    if (colon < 0) return null;
    const user = decoded.toString("utf8", 0, colon);
    const expected = passwords.get(user);
    return expected !== undefined && same(decoded.subarray(colon + 1), expected) ? user : null;
  }

  function bearer(value: string): string | null {
    const given = Buffer.from(value);
    return tokens.find(([token]) => same(given, token))?.[1] ?? null;
  }

  return (req) => {
    const [scheme, value] = schemeAndValue(req.headers.authorization ?? "");
    if (scheme === "basic") return basic(value);
    if (scheme === "bearer") return bearer(value);
    return null;
  };
}
