import type { SchemaName } from "../../contract/index.js";
import type { PolicyError } from "../../policy/index.js";
import type { FaultBook } from "../faults.js";
import type { TwinModel } from "../model.js";
import type { RequestPage } from "../request-log.js";
import type { Scenario } from "../scenario.js";

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  user: string | null;
  body_sha256: string;
  fault: string | null;
}

/** What control routes may do to the twin as a whole. */
export interface TwinControl {
  model(): TwinModel;
  load(scenario: Scenario): void;
  reset(): void;
  faults: FaultBook;
  /** A page of the request log: the entries after seq `after`, at most `limit`. */
  requests(after: number, limit: number): RequestPage;
}

export interface RouteContext {
  model: TwinModel;
  control: TwinControl;
  actor: string;
  body: unknown;
  query: URLSearchParams;
}

export interface Reply {
  status: number;
  body: unknown;
  /** Sent as the ETag when present. */
  version?: number;
  /** The body already serialized, when the route keeps it; sent as is instead of serializing `body` again. */
  text?: string;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** The contract schema the JSON body must match; a route without one takes no body. */
  request?: SchemaName;
  /** Mutating routes honour If-Match. */
  mutates?: boolean;
  handle(ctx: RouteContext): Reply;
}

export const POLICY = "/api/workflows/throughput-policy";

export function errorReply(
  status: number,
  code: string,
  message: string,
  field: string | null = null,
): Reply {
  return { status, body: { error: { code, message, field } } };
}

const STATUS_OF: Record<PolicyError["code"], number> = {
  unknown_preset: 422,
  invalid_ttl: 422,
  ttl_too_long: 422,
  empty_reason: 422,
  empty_actor: 422,
  unknown_queue: 422,
  invalid_depth: 422,
  override_conflict: 409,
  no_active_override: 404,
};

export function policyErrorReply(error: PolicyError): Reply {
  return errorReply(STATUS_OF[error.code], error.code, error.message, error.field);
}
