import {
  bodyTimeoutMessage,
  callName,
  fetchFailure,
  ResponseTooLarge,
  readCappedText,
  redactUrl,
  withoutUserinfo,
} from "../common/index.js";

/**
 * The one edge of the conformance run: HTTP calls to the implementation under test. It knows nothing of the twin
 * beyond the `/__twin` control paths it may probe, so a live server and a twin run the same code.
 */

/** How the run authenticates: HTTP Basic, or a bearer token instead. */
export interface Credentials {
  user: string;
  password: string;
  token?: string;
}

export interface Reply {
  status: number;
  etag: string | null;
  /** The parsed JSON body; undefined when the body is not JSON. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** false sends no Authorization header at all. */
  auth?: boolean;
  /** Sent as is, instead of `body` as JSON, with this content type. */
  raw?: { text: string; contentType: string };
}

/** The policy endpoints, relative to the API base; the contract's paths. */
export const POLICY = "/workflows/throughput-policy";

/** How long one call may take, its body included, unless the run says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

export class Target {
  /** Every call made so far: the run reports how many calls each property took. */
  calls = 0;
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    apiUrl: string,
    credentials: Credentials,
    private readonly timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
  ) {
    // The credentials go in the header: fetch refuses a URL that carries them, and quotes it whole when it does.
    this.base = withoutUserinfo(apiUrl).href.replace(/\/+$/, "");
    this.authorization = credentials.token
      ? `Bearer ${credentials.token}`
      : `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`;
  }

  /** One call to `path` under the API base. A transport failure throws; any HTTP status is a reply. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.auth !== false) headers.authorization = this.authorization;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    if (options.raw) {
      body = options.raw.text;
      headers["content-type"] = options.raw.contentType;
    }
    this.calls += 1;
    // One signal for the whole call: a server that sends headers and then stalls the body is cut off too.
    const signal = AbortSignal.timeout(this.timeoutSeconds * 1000);
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, signal });
    } catch (err) {
      if (signal.aborted) {
        throw new TransportError(`${callName(method, url)}: no answer within ${this.timeoutSeconds} s`);
      }
      throw new TransportError(`${method} ${path}: no answer from ${url.origin} (${fetchFailure(err)})`);
    }
    let text: string;
    try {
      // Capped as nemesis-ctl and the drain cap it: a huge or endless answer is refused, never held in memory.
      text = await readCappedText(res);
    } catch (err) {
      if (err instanceof ResponseTooLarge)
        throw new TransportError(`${method} ${path}: ${err.message}, which no contract answer is`);
      if (signal.aborted) throw new TransportError(bodyTimeoutMessage(method, url, this.timeoutSeconds));
      throw new TransportError(
        `${method} ${path}: the answer from ${url.origin} was cut short (${redactUrl((err as Error).message)})`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, etag: res.headers.get("etag"), body: parsed, text };
  }
}

/** The target could not be reached at all: the run cannot say anything about conformance. */
export class TransportError extends Error {
  override name = "TransportError";
}
