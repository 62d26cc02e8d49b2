/**
 * Everything from a boundary up to the last @ before the authority ends: a URL's userinfo, or a bare `user:pass@host`.
 * Greedy, so a password with an @ in it is covered whole.
 */
const USERINFO = /(^|[\s"'<(]|\/\/)([^\s"'<>/?#]*)@/g;

/**
 * `text` (a URL, or a message quoting one) with any password in a URL's userinfo replaced by ***, so an error never
 * repeats a credential someone put in --api-url. A user without a password is hidden too: that is where a token goes.
 */
export function redactUrl(text: string | URL): string {
  return String(text).replace(USERINFO, (_all, before: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return colon < 0 ? `${before}***@` : `${before}${userinfo.slice(0, colon)}:***@`;
  });
}
