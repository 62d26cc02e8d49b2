import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from "node:http";
import {
  type CappedSource,
  MAX_RESPONSE_BYTES,
  ResponseTooLarge,
  readCappedSource,
} from "../common/capped-body.js";
import { errorMessage } from "../common/errors.js";
import { redactUrl } from "../common/redact-url.js";
import type { ApiProblem } from "./problem.js";

/** One request as it goes on the wire: the URL carries no credentials, the headers do. */
export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutSeconds: number;
  /** For https only: the CA to trust besides the system's, and whether to check the certificate at all. */
  tls: { ca?: Buffer; rejectUnauthorized: boolean };
}

/** A whole answer, read within the cap and the timeout. */
export interface Answer {
  status: number;
  etag: string | null;
  location: string | null;
  text: string;
}

/** A failed exchange, before it is named as a call. */
export class TransportFailure extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.kind);
  }
}

const RESET_CODES = new Set(["ECONNRESET", "EPIPE"]);
const TLS_CODE = /^(CERT_|ERR_TLS|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO)/;

function connectionProblem(err: NodeJS.ErrnoException): ApiProblem {
  const code = err.code ?? "";
  if (RESET_CODES.has(code) || err.message === "socket hang up") return { kind: "reset" };
  const detail = redactUrl(err.message);
  if (code === "ECONNREFUSED") return { kind: "unreachable", reason: "refused", code, detail };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return { kind: "unreachable", reason: "unknown-host", code, detail };
  }
  if (TLS_CODE.test(code)) return { kind: "unreachable", reason: "tls", code, detail };
  return { kind: "unreachable", reason: "other", code, detail };
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return typeof value === "string" ? value : null;
};

/**
 * The answer as the shared capped reader reads it, so the cap is counted in one place for every client. Read as a
 * node stream: a web stream (or fetch's Response, which loads undici) would cost nemesis-ctl milliseconds at
 * start-up for nothing.
 */
function asCappedSource(res: IncomingMessage): CappedSource {
  const declared = header(res.headers, "content-length");
  return { declaredLength: declared === null ? null : Number(declared), stream: res };
}

/** node:https is loaded only for an https URL: plain http is what the twin and most tests speak. */
async function moduleFor(url: URL): Promise<{ request: typeof import("node:http").request }> {
  return url.protocol === "https:" ? await import("node:https") : await import("node:http");
}

/**
 * One request and its whole answer. One timer covers the connection, the headers and the body, so a server that
 * sends its headers and then stalls is cut off too; the body is refused past 8 MB while it streams.
 */
export async function exchange(x: Exchange): Promise<Answer> {
  const http = await moduleFor(x.url);
  return new Promise<Answer>((resolve, reject) => {
    let failure: ApiProblem | null = null;
    let phase: "headers" | "body" = "headers";
    let req: ClientRequest;
    let timer: NodeJS.Timeout | undefined;
    const fail = (problem: ApiProblem) => {
      failure ??= problem;
      req.destroy(new TransportFailure(failure));
    };
    const settle = (answer: Answer | null, problem?: ApiProblem) => {
      clearTimeout(timer);
      if (answer) resolve(answer);
      else reject(new TransportFailure(failure ?? problem ?? { kind: "cut-short" }));
    };
    const options: RequestOptions = { method: x.method, headers: x.headers };
    if (x.url.protocol === "https:") Object.assign(options, x.tls);
    try {
      req = http.request(x.url, options, (res) => {
        phase = "body";
        readCappedSource(asCappedSource(res), MAX_RESPONSE_BYTES).then(
          (text) =>
            settle({
              status: res.statusCode ?? 0,
              etag: header(res.headers, "etag"),
              location: header(res.headers, "location"),
              text,
            }),
          (err: unknown) => {
            if (err instanceof ResponseTooLarge) fail({ kind: "too-large", maxBytes: err.maxBytes });
            settle(null, { kind: "cut-short" });
          },
        );
      });
    } catch (err) {
      // Refused before anything is sent: a header value Node will not write, such as a token with a newline in it.
      return reject(new TransportFailure({ kind: "setup", detail: redactUrl(errorMessage(err)) }));
    }
    timer = setTimeout(
      () => fail({ kind: "timeout", seconds: x.timeoutSeconds, phase }),
      x.timeoutSeconds * 1000,
    );
    // Once the headers are in, a broken connection has cut the answer short, whether it closed or was reset.
    req.on("error", (err: NodeJS.ErrnoException) =>
      settle(null, phase === "body" ? { kind: "cut-short" } : connectionProblem(err)),
    );
    req.end(x.body);
  });
}
