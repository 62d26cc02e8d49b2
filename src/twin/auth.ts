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

const basicHeader = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/**
 * Checks requests against `credentials`, each secret encoded once here rather than on every request. A header is
 * decoded and its secret compared as bytes in constant time, unless it is exactly the one a client writes for a
 * configured secret.
 */
export function authenticator(credentials: Credentials): Authenticate {
  // A Map holds own names only: a user called "constructor" or "__proto__" is just an unknown user.
  const passwords = new Map(Object.entries(credentials.users).map(([u, p]) => [u, Buffer.from(p)]));
  const tokens = Object.entries(credentials.tokens).map(([t, actor]) => [Buffer.from(t), actor] as const);

  function basic(value: string): string | null {
    const pair = Buffer.from(value, "base64");
    const colon = pair.indexOf(COLON);
    if (colon < 0) return null;
    const user = pair.toString("utf8", 0, colon);
    const expected = passwords.get(user);
    return expected !== undefined && same(pair.subarray(colon + 1), expected) ? user : null;
  }

  function bearer(value: string): string | null {
    const given = Buffer.from(value);
    return tokens.find(([token]) => same(given, token))?.[1] ?? null;
  }

  function decoded(header: string): string | null {
    const [scheme, value] = schemeAndValue(header);
    if (scheme === "basic") return basic(value);
    if (scheme === "bearer") return bearer(value);
    return null;
  }

  // The header a client writes for each configured secret, kept where decoding it accepts it (a user name with a
  // colon in it never logs in). Found by its hash, a wrong guess learns nothing of how near it came, as with the
  // constant-time compare; and nearly every request is spared the decoding.
  const written = new Map(
    [
      ...Object.entries(credentials.users).map(([u, p]) => [basicHeader(u, p), u] as const),
      ...Object.entries(credentials.tokens).map(([t, actor]) => [`Bearer ${t}`, actor] as const),
    ].filter(([header, actor]) => decoded(header) === actor),
  );

  return (req) => {
    const header = req.headers.authorization ?? "";
    return written.get(header) ?? decoded(header);
  };
}
