import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface Credentials {
  /** user → password for HTTP Basic. Nemesis ships n:n. */
  users: Record<string, string>;
  /** bearer token → the actor name it acts as. */
  tokens: Record<string, string>;
}

export const NEMESIS_DEFAULT_CREDENTIALS: Credentials = { users: { n: "n" }, tokens: {} };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The authenticated actor, or null. The actor is the Basic user name, or the name configured for the token. */
export function authenticate(req: IncomingMessage, credentials: Credentials): string | null {
  const header = req.headers.authorization ?? "";
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    // Own names only: a user called "constructor" or "__proto__" is just an unknown user.
    const expected = Object.hasOwn(credentials.users, user) ? credentials.users[user] : undefined;
    return typeof expected === "string" && same(decoded.slice(colon + 1), expected) ? user : null;
  }
  if (scheme?.toLowerCase() === "bearer") {
    const match = Object.entries(credentials.tokens).find(([token]) => same(value, token));
    return match ? match[1] : null;
  }
  return null;
}
