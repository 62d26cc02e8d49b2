import { readFileSync } from "node:fs";
import type { IncomingMessage, RequestOptions } from "node:http";
import { bodyTimeoutMessage, redactUrl } from "../common/index.js";
import { checkResponse } from "../contract/index.js";
import { CtlError } from "./errors.js";
import { type ApiClient, type ApiReply, EXIT, type ExitCode } from "./spec.js";

export interface ClientOptions {
  apiUrl: string;
  user: string;
  password: string;
  token?: string;
  caFile?: string;
  insecure: boolean;
  timeoutSeconds: number;
  /** Called before each retry, for --debug. */
  onRetry?: (attempt: number, reason: string) => void;
}

/** Reads are retried this many times in all, with backoff, on 5xx and on a reset connection. */
const READ_ATTEMPTS = 3;

/** The largest answer read, in bytes: every contract answer is a few kB; anything this big is not the API. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_RESPONSE_MB = MAX_RESPONSE_BYTES / (1024 * 1024);
const BACKOFF_MS = [100, 300];

const RESET_CODES = new Set(["ECONNRESET", "EPIPE"]);
const TLS_CODE = /^(CERT_|ERR_TLS|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO)/;

/** The codes the API uses for input it could not accept: the operator's input, so a usage error. */
const INPUT_CODES = new Set([
  "unknown_preset",
  "invalid_ttl",
  "ttl_too_long",
  "empty_reason",
  "invalid_request",
]);

interface RawReply {
  status: number;
  etag: string | null;
  location: string | null;
  text: string;
}

function exitFor(status: number, code: string): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 409 || status === 412) return EXIT.conflict;
  if ((status === 400 || status === 422) && INPUT_CODES.has(code)) return EXIT.usage;
  return EXIT.api;
}

function httpError(reply: RawReply): CtlError {
  if (reply.status >= 300 && reply.status < 400) {
    const to = reply.location ? ` to ${redactUrl(reply.location.slice(0, 200))}` : "";
    return new CtlError(
      `the API answered HTTP ${reply.status} (a redirect${to}); nemesis-ctl follows no redirects, check --api-url`,
      EXIT.api,
    );
  }
  let code = "";
  let message = reply.text.slice(0, 200).replace(/\s+/g, " ").trim();
  try {
    const body = JSON.parse(reply.text) as { error?: { code?: unknown; message?: unknown } } | null;
    if (typeof body?.error?.code === "string") code = body.error.code;
    if (typeof body?.error?.message === "string" && body.error.message.trim()) message = body.error.message;
  } catch {
    // Not our error body; the raw text is the best we have.
  }
  if (!message) message = "the API gave no message";
  const exit = exitFor(reply.status, code);
  const hint = exit === EXIT.auth ? "; check --user/--password or --token" : "";
  return new CtlError(`${message} (HTTP ${reply.status}${code ? ` ${code}` : ""})${hint}`, exit);
}

export function createClient(options: ClientOptions): ApiClient {
  const base = new URL(options.apiUrl);
  const origin = `${base.protocol}//${base.host}`;
  const authorization = options.token
    ? `Bearer ${options.token}`
    : `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
  const ca = options.caFile ? readCa(options.caFile) : undefined;

  async function once(method: string, url: URL, body: string | undefined): Promise<RawReply> {
    const http = url.protocol === "https:" ? await import("node:https") : await import("node:http");
    const headers: Record<string, string> = { authorization, accept: "application/json" };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      // Explicit length: Node sends no framing for a DELETE body otherwise.
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const tls: RequestOptions & { ca?: Buffer; rejectUnauthorized?: boolean } =
      url.protocol === "https:" ? { ca, rejectUnauthorized: !options.insecure } : {};
    return new Promise<RawReply>((resolve, reject) => {
      let answered = false;
      const req = http.request(url, { method, headers, ...tls }, (res: IncomingMessage) => {
        answered = true;
        const cutShort = () => new CtlError("the API's answer was cut short", EXIT.api);
        const chunks: Buffer[] = [];
        let size = 0;
        let refused = false;
        const tooLarge = () => {
          refused = true;
          const error = new CtlError(
            `the API's answer is larger than ${MAX_RESPONSE_MB} MB, the most nemesis-ctl reads`,
            EXIT.api,
          );
          reject(error);
          req.destroy(error);
        };
        if (Number(res.headers["content-length"] ?? 0) > MAX_RESPONSE_BYTES) return tooLarge();
        res.on("data", (c: Buffer) => {
          size += c.length;
          // Counted while streaming: a huge answer is refused before it is held in memory.
          if (size > MAX_RESPONSE_BYTES) tooLarge();
          else chunks.push(c);
        });
        res.on("error", (err) => reject(err instanceof CtlError ? err : cutShort()));
        res.on("close", () => {
          if (refused) return;
          if (!res.complete) return reject(cutShort());
          const etag = typeof res.headers.etag === "string" ? res.headers.etag : null;
          const location = res.headers.location ?? null;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, etag, location, text });
        });
      });
      const timer = setTimeout(() => {
        // Headers that came and a body that stalled are told apart: the server is there, but its answer is not.
        const message = answered
          ? bodyTimeoutMessage(method, url, options.timeoutSeconds)
          : `no answer from ${origin} within ${options.timeoutSeconds}s`;
        req.destroy(new CtlError(message, EXIT.unreachable));
      }, options.timeoutSeconds * 1000);
      req.on("close", () => clearTimeout(timer));
      req.on("error", (err: NodeJS.ErrnoException) => reject(connectionError(err, origin)));
      req.end(body);
    });
  }

  /** The body of a 2xx answer, held to the contract's schema for that method, path and status. */
  function decode<T>(method: string, path: string, reply: RawReply): ApiReply<T> {
    if (reply.status < 200 || reply.status > 299) throw httpError(reply);
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      throw new CtlError(`the API answered HTTP ${reply.status} with malformed JSON`, EXIT.api);
    }
    const [violation] = checkResponse(method, path, reply.status, body);
    if (violation) {
      throw new CtlError(
        `the API's answer to ${method} ${path} breaks the contract: ${violation.message}`,
        EXIT.api,
      );
    }
    return { status: reply.status, etag: reply.etag, body: body as T };
  }

  function urlFor(path: string, query?: Record<string, string>): URL {
    const url = new URL(`${base.href.replace(/\/+$/, "")}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  }

  async function backoff(attempt: number, reason: string): Promise<void> {
    options.onRetry?.(attempt, reason);
    await new Promise((r) => setTimeout(r, BACKOFF_MS[attempt - 1] ?? 500));
  }

  return {
    apiUrl: `${origin}${base.pathname.replace(/\/+$/, "")}`,
    async get<T>(path: string, query?: Record<string, string>) {
      for (let attempt = 1; ; attempt++) {
        let reply: RawReply;
        try {
          reply = await once("GET", urlFor(path, query), undefined);
        } catch (err) {
          if (err instanceof ConnectionReset && attempt < READ_ATTEMPTS) {
            await backoff(attempt, err.message);
            continue;
          }
          throw forOperator(err);
        }
        if (reply.status >= 500 && attempt < READ_ATTEMPTS) {
          await backoff(attempt, `HTTP ${reply.status}`);
          continue;
        }
        return decode<T>("GET", path, reply);
      }
    },
    async send<T>(method: "PUT" | "POST" | "DELETE", path: string, body: unknown) {
      try {
        return decode<T>(method, path, await once(method, urlFor(path), JSON.stringify(body)));
      } catch (err) {
        throw forOperator(err);
      }
    },
  };
}

/** A connection the API reset: worth retrying for a read, and reported as unreachable when it persists. */
class ConnectionReset extends Error {}

const forOperator = (err: unknown): unknown =>
  err instanceof ConnectionReset ? new CtlError(err.message, EXIT.unreachable) : err;

/** Nothing answers where the CLI looked: most often the API lives elsewhere, so say how to point it there. */
const WHERE_HINT = "; set the API base URL with --api-url URL or NEMESIS_API_URL";

function connectionError(err: NodeJS.ErrnoException, origin: string): Error {
  if (err instanceof CtlError) return err;
  const code = err.code ?? "";
  if (RESET_CODES.has(code) || err.message === "socket hang up") {
    return new ConnectionReset(`the connection to ${origin} was reset`);
  }
  if (code === "ECONNREFUSED")
    return new CtlError(`cannot reach ${origin}: connection refused${WHERE_HINT}`, EXIT.unreachable);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new CtlError(`cannot reach ${origin}: unknown host${WHERE_HINT}`, EXIT.unreachable);
  }
  if (TLS_CODE.test(code)) {
    return new CtlError(
      `TLS verification failed for ${origin} (${code}); pass --ca-file FILE`,
      EXIT.unreachable,
    );
  }
  return new CtlError(`cannot reach ${origin}: ${redactUrl(err.message)}`, EXIT.unreachable);
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CtlError(`cannot read --ca-file ${file} (${(err as NodeJS.ErrnoException).code})`, EXIT.usage);
  }
}
