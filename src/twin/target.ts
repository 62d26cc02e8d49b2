/** The parts of a request target the twin reads: the path it routes on and the query it hands the route. */
export interface RequestTarget {
  pathname: string;
  /** "?" and the query, as the URL parser writes it; "" when there is none. */
  search: string;
  query: URLSearchParams;
}

const BASE = "http://twin";

/**
 * A path the URL parser would hand back unchanged: nothing to percent-encode, no dot segment to resolve, no
 * backslash to turn, and no leading "//" to read as a host. Nearly every request's target is one, so it skips
 * the parser.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-/]*$/;

/** The target as the URL parser reads it against the twin's origin; null when it is not a URL at all. */
export function parseTarget(raw: string): RequestTarget | null {
  if (PLAIN_PATH.test(raw)) return { pathname: raw, search: "", query: new URLSearchParams() };
  if (!URL.canParse(raw, BASE)) return null;
  const url = new URL(raw, BASE);
  return { pathname: url.pathname, search: url.search, query: url.searchParams };
}
