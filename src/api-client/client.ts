import { readFileSync } from "node:fs";
import { errnoCode } from "../common/errors.js";
import { isJsonObject } from "../common/json-file.js";
import { redactUrl } from "../common/redact-url.js";
import { checkResponseLoaded } from "../contract/index.js";
import { type ApiCall, ApiError, type ApiProblem, refusalKind } from "./problem.js";
import { type Answer, exchange, TransportFailure } from "./transport.js";
import type { AnswerOf, PathsWith, QueryOf, RequestOf } from "./typed.js";

/** HTTP Basic, or a bearer token instead. */
export type Credentials = { user: string; password: string } | { token: string };

/** How long one call may take, connection, headers and body together, when the caller sets no timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** A read is tried at most this many times, on a 5xx or a reset connection; a write is sent once. */
export const READ_ATTEMPTS = 3;
const BACKOFF_MS = [100, 300];
/** A Node timer of 2^31 ms or more fires at once, so a longer timeout would be none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ApiClientOptions {
  /** The API base, as `…/api`. Credentials written into it are dropped: never sent, never shown. */
  baseUrl: string;
  /** None sends no Authorization header. */
  credentials?: Credentials | null;
  /** A CA bundle to trust for https, besides the system's. */
  caFile?: string;
  /** Skip the certificate check for https; only ever on when the user asked. */
  insecure?: boolean;
  timeoutSeconds?: number;
  /** How many times a read may be tried; 1 turns retries off. */
  readAttempts?: number;
  /** Called before each retry, with the attempt that failed and why. */
  onRetry?: (attempt: number, reason: string) => void;
  /** Hold every 2xx body to the contract's schema for its method, path and status. */
  checkContract?: boolean;
}

export interface ApiReply<T> {
  status: number;
  /** The policy version the answer is at, quoted, as If-Match takes it back. */
  etag: string | null;
  body: T;
}

/** An answer of any status, for a caller that judges answers itself. */
export interface RawReply {
  status: number;
  etag: string | null;
  location: string | null;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: unknown;
}

export type Query = Record<string, string | number | boolean | undefined>;
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

export interface WriteOptions {
  /** The ETag (or the version number) the change is based on; a stale one gets 412, a `conflict`. */
  ifMatch?: string | number;
}

export interface CallOptions extends WriteOptions {
  query?: Query;
  body?: unknown;
}

export interface ExchangeOptions {
  query?: Query;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON, with this content type. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
  /** false sends no credentials; a caller's own Authorization header then goes as given. */
  auth?: boolean;
}

export interface ApiClient {
  /** The base URL without credentials or a trailing slash. */
  readonly baseUrl: string;
  readonly origin: string;
  get<P extends PathsWith<"get">>(
    path: P,
    options?: { query?: QueryOf<P> },
  ): Promise<ApiReply<AnswerOf<P, "get">>>;
  put<P extends PathsWith<"put">>(
    path: P,
    body: RequestOf<P, "put">,
    options?: WriteOptions,
  ): Promise<ApiReply<AnswerOf<P, "put">>>;
  post<P extends PathsWith<"post">>(
    path: P,
    body: RequestOf<P, "post">,
    options?: WriteOptions,
  ): Promise<ApiReply<AnswerOf<P, "post">>>;
  delete<P extends PathsWith<"delete">>(
    path: P,
    body: RequestOf<P, "delete">,
    options?: WriteOptions,
  ): Promise<ApiReply<AnswerOf<P, "delete">>>;
  /** Any path under the base (the twin's controls, a path known at run time): a 2xx JSON body, else an ApiError. */
  call<T = unknown>(method: HttpMethod, path: string, options?: CallOptions): Promise<ApiReply<T>>;
  /** One call whose every status is a reply; only the transport throws. */
  exchange(method: string, path: string, options?: ExchangeOptions): Promise<RawReply>;
}

/** A token when there is one, else the Basic pair: how every CLI reads --user, --password and --token. */
export function credentialsOf(given: {
  user: string;
  password: string;
  token?: string | undefined;
}): Credentials {
  return given.token ? { token: given.token } : { user: given.user, password: given.password };
}

const setup = (problem: Omit<ApiProblem & { kind: "setup" }, "kind">) =>
  new ApiError({ kind: "setup", ...problem }, null);

function parseBase(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : null;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw setup({ detail: `the API URL must be an http:// or https:// URL, got "${redactUrl(text)}"` });
  }
  return url;
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = errnoCode(err) ?? "unreadable";
    throw setup({ detail: `cannot read the CA file ${file} (${code})`, file, code });
  }
}

function checkedTimeout(seconds: number): number {
  if (!(seconds > 0 && seconds * 1000 <= MAX_TIMER_MS)) {
    throw setup({
      detail: `the timeout must be above 0 and below ${MAX_TIMER_MS / 1000} seconds, got ${seconds}`,
    });
  }
  return seconds;
}

function authorization(credentials: Credentials): string {
  return "token" in credentials
    ? `Bearer ${credentials.token}`
    : `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`;
}

const ifMatchHeader = (tag: string | number) => (typeof tag === "number" ? `"${tag}"` : tag);

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 4xx or 5xx answer, with the contract's error body read where there is one. */
function refusal(answer: Answer): ApiProblem {
  const body = parsedOrUndefined(answer.text);
  const error = isJsonObject(body) && isJsonObject(body.error) ? body.error : undefined;
  return {
    kind: refusalKind(answer.status),
    status: answer.status,
    code: typeof error?.code === "string" ? error.code : "",
    message: typeof error?.message === "string" ? error.message.trim() : "",
    text: answer.text.slice(0, 200),
    json: body !== undefined,
  };
}

/**
 * The one client for the Nemesis API, over node:http (node:https for an https URL): not fetch, whose start-up cost
 * nemesis-ctl would pay on every run. Throws an ApiError (kind `setup`) for a base URL that is not http(s), a CA
 * file that cannot be read or a timeout a timer cannot hold.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = parseBase(options.baseUrl);
  const origin = base.origin;
  const baseUrl = `${origin}${base.pathname.replace(/\/+$/, "")}`;
  const timeoutSeconds = checkedTimeout(options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  const tls = {
    ca: options.caFile === undefined ? undefined : readCa(options.caFile),
    rejectUnauthorized: options.insecure !== true,
  };
  const credentials = options.credentials ? authorization(options.credentials) : null;
  const readAttempts = Math.max(1, options.readAttempts ?? READ_ATTEMPTS);

  function urlFor(path: string, query: Query | undefined): URL {
    const url = new URL(`${baseUrl}${path.startsWith("/") ? path : `/${path}`}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  async function backoff(attempt: number, reason: string): Promise<void> {
    options.onRetry?.(attempt, reason);
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[attempt - 1] ?? 500));
  }

  /** Sends the request, trying a read again on a 5xx or a reset connection; names any failure as the call. */
  async function send(call: ApiCall, url: URL, headers: Record<string, string>, body?: string) {
    const attempts = call.method === "GET" ? readAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      let answer: Answer;
      try {
        answer = await exchange({ method: call.method, url, headers, body, timeoutSeconds, tls });
      } catch (err) {
        if (!(err instanceof TransportFailure)) throw err;
        if (err.problem.kind === "reset" && attempt < attempts) {
          await backoff(attempt, `the connection to ${origin} was reset`);
          continue;
        }
        throw new ApiError(err.problem, call);
      }
      if (answer.status >= 500 && attempt < attempts) {
        await backoff(attempt, `HTTP ${answer.status}`);
        continue;
      }
      return answer;
    }
  }

  function request(method: string, path: string, options: ExchangeOptions & WriteOptions) {
    const url = urlFor(path, options.query);
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.auth !== false && credentials) headers.authorization = credentials;
    if (options.ifMatch !== undefined) headers["if-match"] = ifMatchHeader(options.ifMatch);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    if (options.raw) {
      body = options.raw.text;
      headers["content-type"] = options.raw.contentType;
    }
    // Explicit: Node sends no framing for a DELETE body otherwise.
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const call: ApiCall = { method, path, url: url.href, origin };
    return { call, answer: send(call, url, headers, body) };
  }

  /** A 2xx answer's JSON body, held to the contract when asked; any other answer is an ApiError. */
  async function decode<T>(call: ApiCall, answer: Answer): Promise<ApiReply<T>> {
    const { status } = answer;
    if (status >= 300 && status < 400) {
      const location = answer.location === null ? null : redactUrl(answer.location.slice(0, 200));
      throw new ApiError({ kind: "redirect", status, location }, call);
    }
    if (status < 200 || status > 299) throw new ApiError(refusal(answer), call);
    const body = parsedOrUndefined(answer.text);
    if (body === undefined) throw new ApiError({ kind: "bad-json", status }, call);
    if (options.checkContract) {
      const [violation] = await checkResponseLoaded(call.method, call.path.split("?")[0] ?? "", status, body);
      if (violation) {
        throw new ApiError({ kind: "contract-violation", status, violation: violation.message }, call);
      }
    }
    return { status, etag: answer.etag, body: body as T };
  }

  async function call<T>(method: HttpMethod, path: string, callOptions: CallOptions = {}) {
    const sent = request(method, path, callOptions);
    return decode<T>(sent.call, await sent.answer);
  }

  return {
    baseUrl,
    origin,
    get: (path, getOptions) => call("GET", path, { query: getOptions?.query }),
    put: (path, body, writeOptions) => call("PUT", path, { ...writeOptions, body }),
    post: (path, body, writeOptions) => call("POST", path, { ...writeOptions, body }),
    delete: (path, body, writeOptions) => call("DELETE", path, { ...writeOptions, body }),
    call,
    async exchange(method, path, exchangeOptions = {}) {
      const answer = await request(method, path, exchangeOptions).answer;
      return { ...answer, body: parsedOrUndefined(answer.text) };
    },
  };
}
