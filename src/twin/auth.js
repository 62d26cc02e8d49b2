import { timingSafeEqual } from "node:crypto";
export const NEMESIS_DEFAULT_CREDENTIALS = { users: { n: "n" }, tokens: {} };
function same(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
/** The authenticated actor, or null. The actor is the Basic user name, or the name configured for the token. */
export function authenticate(req, credentials) {
  const header = req.headers.authorization ?? "";
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    const expected = credentials.users[user];
    return expected !== undefined && same(decoded.slice(colon + 1), expected) ? user : null;
  }
  if (scheme?.toLowerCase() === "bearer") {
    const match = Object.entries(credentials.tokens).find(([token]) => same(value, token));
    return match ? match[1] : null;
  }
  return null;
}
