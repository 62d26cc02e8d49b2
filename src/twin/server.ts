import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { checkContract } from "../contract/index.js";
import { type Catalog, loadCatalogFile } from "../policy/index.js";
import { authenticator, type Credentials, NEMESIS_DEFAULT_CREDENTIALS } from "./auth.js";
import type { ApiError, Defect } from "./defects.js";
import { FaultBook, type FaultKind } from "./faults.js";
import { TwinModel } from "./model.js";
import { DEFAULT_LOG_BOUNDS, RequestLog, type RequestLogBounds } from "./request-log.js";
import {
  errorReply,
  type LoggedRequest,
  type Reply,
  type Route,
  routes,
  type TwinControl,
} from "./routes/index.js";
import { DEFAULT_SCENARIO, type Scenario, withDefects } from "./scenario.js";
import { parseTarget, type RequestTarget } from "./target.js";

export interface TwinOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  scenario?: Scenario;
  /** Defects switched on besides the scenario's own, in every scenario the twin plays (a loaded one too). */
  defects?: readonly Defect[];
  catalog?: Catalog;
  credentials?: Partial<Credentials>;
  /** Connection timeouts, in ms; the defaults suit a test or a workstation. */
  timeouts?: Partial<ServerTimeouts>;
  /** The request log's bounds; the defaults keep the last 10,000 entries and at most 8 MB of them. */
  requestLog?: Partial<RequestLogBounds>;
}

export interface ServerTimeouts {
  /** An idle kept-alive connection is closed after this long. */
  keepAliveMs: number;
  /** A client must send its request headers within this long. */
  headersMs: number;
  /** A client must send its whole request within this long. */
  requestMs: number;
}

const DEFAULT_TIMEOUTS: ServerTimeouts = { keepAliveMs: 5_000, headersMs: 10_000, requestMs: 30_000 };

export interface Twin {
  /** The API base, e.g. http://127.0.0.1:41234/api */
  url: string;
  /** The server root, where /__twin lives. */
  origin: string;
  /** Direct access for programmatic use; HTTP clients use /__twin instead. */
  model(): TwinModel;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

const NO_BODY = Buffer.alloc(0);
/** Nearly every request has no body: its hash is the same every time. */
const NO_BODY_SHA256 = sha256(NO_BODY);

/** HTTP/1.1 frames a request body only with Content-Length or Transfer-Encoding; without either there is none. */
const hasBody = (req: IncomingMessage) =>
  req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const ROUTES_BY_PATH = new Map<string, Route[]>();
for (const route of routes)
  ROUTES_BY_PATH.set(route.path, [...(ROUTES_BY_PATH.get(route.path) ?? []), route]);

function findRoute(method: string, path: string): Route | Reply {
  const candidates = ROUTES_BY_PATH.get(path);
  if (candidates === undefined) return errorReply(404, "not_found", `no such endpoint: ${path}`);
  const route = candidates.find((r) => r.method === method);
  if (route) return route;
  const allowed = candidates.map((r) => r.method).join(", ");
  return errorReply(405, "method_not_allowed", `${method} is not allowed on ${path} (allowed: ${allowed})`);
}

/** The twin announces its URL with /api, so the controls answer under that prefix too: $NEMESIS_API_URL/__twin/… */
const routePath = (pathname: string) => (pathname.startsWith("/api/__twin/") ? pathname.slice(4) : pathname);

const isJson = (contentType: string | undefined) =>
  /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType ?? "");

const emptyBody = (route: Route): { body: unknown } | Reply =>
  route.request ? errorReply(400, "invalid_request", "a JSON request body is required") : { body: {} };

function parseJsonBody(
  route: Route,
  raw: Buffer | null,
  contentType: string | undefined,
): { body: unknown } | Reply {
  if (raw === null)
    return errorReply(413, "body_too_large", `request bodies are limited to ${MAX_BODY} bytes`);
  if (raw.length === 0) return emptyBody(route);
  if (!isJson(contentType)) {
    return errorReply(
      415,
      "unsupported_media_type",
      `request bodies must be sent as application/json, not ${contentType ? `"${contentType.slice(0, 100)}"` : "without a content-type"}`,
      "content-type",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw).trim();
  } catch {
    return errorReply(400, "invalid_json", "the request body is not valid UTF-8");
  }
  if (text === "") return emptyBody(route);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorReply(400, "invalid_json", "the request body is not valid JSON");
  }
  if (route.request) {
    const [problem] = checkContract(route.request, body);
    if (problem) return errorReply(400, "invalid_request", problem.message, problem.field);
  }
  return { body };
}

/** A query parameter named twice is ambiguous: which one counts depends on the reader. */
function duplicateQuery(query: URLSearchParams): Reply | null {
  if (query.size < 2) return null;
  const keys = [...query.keys()];
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  return twice === undefined
    ? null
    : errorReply(400, "invalid_request", `query parameter "${twice}" is given more than once`, twice);
}

/** If-Match must name the current version; "*" and a missing header always match. */
function preconditionFails(req: IncomingMessage, model: TwinModel): Reply | null {
  const header = req.headers["if-match"];
  if (header === undefined || header.trim() === "*") return null;
  const version = model.version;
  const named = header.split(",").map((t) => t.trim().replace(/^W\//, ""));
  // Only the ETags the twin sends count: a version in plain decimal, so "007" names no version.
  const versions = named.filter((tag) => /^"(0|[1-9]\d*)"$/.test(tag)).map((tag) => Number(tag.slice(1, -1)));
  if (versions.some((v) => model.rules.versionMatches(v, version))) return null;
  return errorReply(
    412,
    "version_mismatch",
    `the policy is at version ${version}, If-Match named ${header}; read the status again and retry`,
    "If-Match",
  );
}

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const catalog = options.catalog ?? loadCatalogFile();
  const authenticate = authenticator({ ...NEMESIS_DEFAULT_CREDENTIALS, ...options.credentials });
  let scenario = options.scenario ?? DEFAULT_SCENARIO;
  const play = (next: Scenario) => new TwinModel(catalog, withDefects(next, options.defects ?? []));
  let model = play(scenario);
  const faults = new FaultBook();
  const logBounds = { ...DEFAULT_LOG_BOUNDS, ...options.requestLog };
  let log = new RequestLog(logBounds);
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const control: TwinControl = {
    model: () => model,
    load(next) {
      scenario = next;
      control.reset();
    },
    reset() {
      model = play(scenario);
      faults.clear();
      log = new RequestLog(logBounds);
    },
    faults,
    requests: (after, limit) => log.page(after, limit),
  };

  /** An API error as the deployment writes it; the twin's own controls always keep the contract's shape. */
  function served(reply: Reply, path: string): Reply {
    if (reply.status < 400 || routePath(path).startsWith("/__twin/")) return reply;
    const { text: _written, ...rest } = reply;
    return { ...rest, body: model.rules.errorBody((reply.body as { error: ApiError }).error) };
  }

  function send(res: ServerResponse, reply: Reply, fault: FaultKind | null): void {
    const text = reply.text ?? JSON.stringify(reply.body);
    const headers: Record<string, string | number> = { "content-type": "application/json; charset=utf-8" };
    if (reply.version !== undefined) headers.etag = `"${reply.version}"`;
    if (reply.status === 401) headers["www-authenticate"] = 'Basic realm="nemesis"';
    if (fault?.type === "malformed_json") {
      res.writeHead(reply.status, headers).end(`${text.slice(0, -1)},,}`);
    } else if (fault?.type === "truncated_body") {
      res.writeHead(reply.status, { ...headers, "content-length": Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
    } else {
      res.writeHead(reply.status, headers).end(text);
    }
  }

  /**
   * Answers within the event that brought the request, and returns a promise only when it must wait: for the body,
   * an injected delay or a change that the rules hold open. Most requests wait for nothing, so they need neither a
   * promise nor a turn of the microtask queue.
   */
  function handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    res.sendDate = false; // the wall clock has no place in a deterministic answer
    const target = parseTarget(req.url ?? "/");
    if (!hasBody(req)) return respond(req, res, target, NO_BODY);
    return readBody(req).then((raw) => respond(req, res, target, raw));
  }

  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget | null,
    raw: Buffer | null,
  ): Promise<void> | void {
    const entry: LoggedRequest = {
      seq: 0,
      method: req.method ?? "GET",
      path: target ? target.pathname : (req.url ?? "").slice(0, 200),
      query: target ? target.search : "",
      status: null,
      user: null,
      body_sha256: raw === null || raw.length === 0 ? NO_BODY_SHA256 : sha256(raw),
      fault: null,
    };
    // Logged once the outcome is known, so reading the log never shows the read itself half-done. Reads of the log
    // are not logged: a client paging through it would otherwise chase its own requests.
    const record = () => {
      if (routePath(entry.path) !== "/__twin/requests") log.append(entry);
    };
    const finish = (reply: Reply, fault: FaultKind | null = null) => {
      entry.status = reply.status;
      send(res, served(reply, entry.path), fault);
      record();
    };
    // Logged like any other answer; the internal message stays in the twin.
    const failed = () => {
      if (!res.headersSent) finish(errorReply(500, "twin_error", "the twin failed to answer this request"));
    };

    if (!target) return finish(errorReply(400, "invalid_request", "the request target is not a URL path"));
    try {
      const answered = answer(req, res, target, raw, entry, finish, record);
      if (answered) return answered.catch(failed);
    } catch {
      failed();
    }
  }

  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget,
    raw: Buffer | null,
    entry: LoggedRequest,
    finish: (reply: Reply, fault?: FaultKind | null) => void,
    record: () => void,
  ): Promise<void> | void {
    const actor =
      authenticate(req) ?? (req.headers.authorization === undefined ? model.rules.anonymousActor() : null);
    entry.user = actor;
    if (actor === null) return finish(errorReply(401, "unauthorized", "missing or wrong credentials"));

    const path = routePath(target.pathname);
    const fault = path.startsWith("/__twin/") ? null : faults.take(entry.method, path);
    entry.fault = fault ? (fault.type === "status" ? `status(${fault.code})` : fault.type) : null;
    if (fault?.type === "reset" || fault?.type === "hang") record();
    if (fault?.type === "reset") return void req.socket.destroy();
    if (fault?.type === "hang") return void hanging.add(res);
    if (fault?.type === "status") {
      return finish(errorReply(fault.code, "injected_fault", `the twin injected HTTP ${fault.code}`));
    }
    const routed = () => route(req, target, raw, entry.method, path, actor, (reply) => finish(reply, fault));
    if (fault?.type !== "delay") return routed();
    // Unref'd: a twin told to stop must not wait out a delay of up to ten minutes first.
    return new Promise<void>((r) => setTimeout(r, fault.ms).unref()).then(routed);
  }

  function route(
    req: IncomingMessage,
    target: RequestTarget,
    raw: Buffer | null,
    method: string,
    path: string,
    actor: string,
    finish: (reply: Reply) => void,
  ): Promise<void> | void {
    const found = findRoute(method, path);
    if ("status" in found) return finish(found);
    const duplicate = duplicateQuery(target.query);
    if (duplicate) return finish(duplicate);
    const parsed = parseJsonBody(found, raw, req.headers["content-type"]);
    if ("status" in parsed) return finish(parsed);
    const current = model;
    const handle = () =>
      found.handle({ model: current, control, actor, body: parsed.body, query: target.query });
    if (!found.mutates) return finish(handle());
    const ran = current.runMutation(() => preconditionFails(req, current) ?? handle());
    if (ran instanceof Promise) return ran.then(finish);
    finish(ran);
  }

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const server = createServer(
    {
      keepAliveTimeout: timeouts.keepAliveMs,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often the two request timeouts are checked; Node's default (30 s) would outlast them.
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs, timeouts.requestMs),
    },
    (req, res) => {
      const failed = (err: unknown) => {
        if (!res.headersSent) send(res, errorReply(500, "twin_error", (err as Error).message), null);
      };
      try {
        handle(req, res)?.catch(failed);
      } catch (err) {
        failed(err);
      }
    },
  );
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url: `${origin}/api`,
    origin,
    model: () => model,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
