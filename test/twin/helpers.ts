import { afterEach } from "vitest";
import { checkContract, checkResponse, type SchemaName } from "../../src/contract/index.js";
import { startTwin, type Twin, type TwinOptions } from "../../src/twin/index.js";

export const POLICY = "/api/workflows/throughput-policy";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** "user:password", "bearer TOKEN", or null for no credentials. */
  auth?: string | null;
  headers?: Record<string, string>;
  /** The contract schema to hold the body to, when the contract does not declare this response (injected faults). */
  schema?: SchemaName;
}

const running: Twin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
});

/** A twin on an ephemeral loopback port, closed after the test. */
export async function twin(options: TwinOptions = {}): Promise<Twin> {
  const t = await startTwin(options);
  running.push(t);
  return t;
}

function authHeader(auth: string | null): Record<string, string> {
  if (auth === null) return {};
  if (auth.startsWith("bearer ")) return { authorization: `Bearer ${auth.slice(7)}` };
  return { authorization: `Basic ${Buffer.from(auth).toString("base64")}` };
}

/**
 * One real HTTP call. Every answer from /api is validated against the contract: the response schema the OpenAPI
 * document declares for that method, path and status. A drift from the contract fails the test that made the call.
 */
export async function call(
  t: Twin,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...authHeader(options.auth === undefined ? "n:n" : options.auth),
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${t.origin}${path}`, { method, headers, body });
  const text = await res.text();
  const json = text === "" ? undefined : JSON.parse(text);
  const { pathname } = new URL(path, "http://x");
  if (pathname.startsWith("/api/")) {
    const violations = options.schema
      ? checkContract(options.schema, json)
      : checkResponse(method, pathname.slice("/api".length), res.status, json);
    if (violations.length > 0) {
      throw new Error(
        `${method} ${path} → ${res.status} breaks the contract: ${violations.map((v) => v.message).join("; ")}`,
      );
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const advance = (t: Twin, seconds: number) =>
  call(t, "POST", "/__twin/clock/advance", { body: { seconds } });
