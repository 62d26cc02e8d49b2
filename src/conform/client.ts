import { type ApiClient, ApiError, createApiClient, credentialsOf } from "../api-client/index.js";

/**
 * The one edge of the conformance run: HTTP calls to the implementation under test, through the shared API client.
 * It knows nothing of the twin beyond the `/__twin` control paths it may probe, so a live server and a twin run
 * the same code.
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

/** How long one call may take, its body included, when `conform --timeout` is not given. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

/** The target could not be reached at all: the run cannot say anything about conformance. */
export class TransportError extends Error {
  override name = "TransportError";
}

/** The client's failure as the run words it: the call, and why it got no answer to judge. */
function transportError(err: ApiError): TransportError {
  const { problem, call } = err;
  if (problem.kind === "unreachable" && call) {
    return new TransportError(
      `${call.method} ${call.path}: no answer from ${call.origin} (${problem.code || problem.detail})`,
    );
  }
  if (problem.kind === "too-large") return new TransportError(`${err.message}, which no contract answer is`);
  return new TransportError(err.message);
}

export class Target {
  /** Every call made so far: the run reports how many calls each property took. */
  calls = 0;
  private readonly client: ApiClient;

  /** Without a timeout, the client's default. */
  constructor(apiUrl: string, credentials: Credentials, timeoutSeconds?: number) {
    try {
      // One attempt per call: every answer is judged, and a property's call count is part of the report.
      this.client = createApiClient({
        baseUrl: apiUrl,
        credentials: credentialsOf(credentials),
        timeoutSeconds,
        readAttempts: 1,
      });
    } catch (err) {
      throw err instanceof ApiError ? transportError(err) : err;
    }
  }

  /** One call to `path` under the API base. A transport failure throws; any HTTP status is a reply. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    this.calls += 1;
    try {
      const { status, etag, body, text } = await this.client.exchange(method, path, options);
      return { status, etag, body, text };
    } catch (err) {
      throw err instanceof ApiError ? transportError(err) : err;
    }
  }
}
