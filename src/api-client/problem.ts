import { bodyTimeoutMessage, callName } from "../common/http-call.js";

/** Refusals the API answers with a status: each caller maps them to its own exit codes. */
export type RefusalKind = "auth" | "conflict" | "not-found" | "invalid" | "api";

/** What went wrong with a call, with what a caller needs to word it its own way. */
export type ApiProblem =
  /** The client could not be set up: a base URL that is not http(s), or a CA file that cannot be read. */
  | { kind: "setup"; detail: string; file?: string; code?: string }
  /** No connection: refused, unknown host, a certificate not trusted, or another system error. */
  | {
      kind: "unreachable";
      reason: "refused" | "unknown-host" | "tls" | "other";
      code: string;
      detail: string;
    }
  /** The server dropped the connection before it answered (retried for reads). */
  | { kind: "reset" }
  /** The timeout passed before the headers came, or before the body was whole. */
  | { kind: "timeout"; seconds: number; phase: "headers" | "body" }
  /** The body ended before its length, or the connection broke in the middle of it. */
  | { kind: "cut-short" }
  | { kind: "too-large"; maxBytes: number }
  /** A 3xx: the client follows no redirects, since one would carry the credentials elsewhere. */
  | { kind: "redirect"; status: number; location: string | null }
  /**
   * A 4xx or 5xx. `code` and `message` are the contract's error body's, "" when it had none; `text` is the start
   * of the body as sent; `json` says whether the body was JSON at all.
   */
  | { kind: RefusalKind; status: number; code: string; message: string; text: string; json: boolean }
  | { kind: "bad-json"; status: number }
  | { kind: "contract-violation"; status: number; violation: string };

export type ApiErrorKind = ApiProblem["kind"];

/** One call as messages name it: never with credentials. */
export interface ApiCall {
  method: string;
  /** The path as the caller asked for it, under the base URL (`/workflows/throughput-policy/status`). */
  path: string;
  /** The whole URL, without credentials. */
  url: string;
  /** `scheme://host:port`, without credentials. */
  origin: string;
}

/** How a refusal's status reads: 401/403 auth, 409/412 conflict, 404 not found, 400/422 invalid input. */
export function refusalKind(status: number): RefusalKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 409 || status === 412) return "conflict";
  if (status === 404) return "not-found";
  if (status === 400 || status === 422) return "invalid";
  return "api";
}

const megabytes = (bytes: number) => bytes / (1024 * 1024);

/** The start of a body as one line. */
export const oneLine = (text: string) => text.slice(0, 200).replace(/\s+/g, " ").trim();

type Unreachable = Extract<ApiProblem, { kind: "unreachable" }>;

function unreachableText(problem: Unreachable): string {
  switch (problem.reason) {
    case "refused":
      return "connection refused";
    case "unknown-host":
      return "unknown host";
    case "tls":
      return `TLS verification failed (${problem.code})`;
    default:
      return problem.detail;
  }
}

/** The one-line message: `METHOD path on origin: what happened`, or for set-up what is wrong. */
export function messageFor(problem: ApiProblem, call: ApiCall | null): string {
  if (problem.kind === "setup") return problem.detail;
  if (!call) return problem.kind;
  const name = callName(call.method, call.url);
  switch (problem.kind) {
    case "unreachable":
      return `${name}: cannot reach the server: ${unreachableText(problem)}`;
    case "reset":
      return `${name}: the connection was reset`;
    case "timeout":
      return problem.phase === "body"
        ? bodyTimeoutMessage(call.method, call.url, problem.seconds)
        : `${name}: no answer within ${problem.seconds} s`;
    case "cut-short":
      return `${name}: the answer was cut short`;
    case "too-large":
      return `${name}: the answer is larger than ${megabytes(problem.maxBytes)} MB`;
    case "redirect": {
      const to = problem.location ? ` to ${problem.location}` : "";
      return `${name} answered HTTP ${problem.status}, a redirect${to}; no redirect is followed`;
    }
    case "bad-json":
      return `${name} answered HTTP ${problem.status} with malformed JSON`;
    case "contract-violation":
      return `${name}: the answer breaks the contract: ${problem.violation}`;
    default:
      return `${name} answered HTTP ${problem.status}: ${problem.message || oneLine(problem.text) || "no message"}`;
  }
}

/**
 * The one error every call throws: `kind` says what happened, `problem` carries its particulars, `call` names the
 * call, and the message is one line naming it, without credentials.
 */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly problem: ApiProblem,
    readonly call: ApiCall | null,
  ) {
    super(messageFor(problem, call));
  }

  get kind(): ApiErrorKind {
    return this.problem.kind;
  }
}
