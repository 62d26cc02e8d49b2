/** The three checks after each call, pure: the contract's schema, the model's fields, and the invariants. */
import { isJsonObject } from "../common/index.js";
import {
  checkResponse,
  type components,
  contractValidator,
  type SchemaName,
  type Status,
} from "../contract/index.js";
import { type Catalog, checkStatusInvariants, type Override } from "../policy/index.js";
import type { Reply } from "./client.js";

/**
 * full: schema, model and invariants. schema-only: status codes and response schemas, as OpenAPI-only testers
 * check, so a wrong but declared answer passes.
 */
export type CheckMode = "full" | "schema-only";

/** A check failed: the property fails with this message. */
export class ConformFailure extends Error {
  override name = "ConformFailure";
}

/** (a) The answer against the contract: a declared status, JSON, and the schema for that method, path and status. */
export function schemaProblems(method: string, path: string, reply: Reply): string[] {
  const where = `${method} ${path}`;
  if (reply.body === undefined) return [`${where} answered HTTP ${reply.status} without a JSON body`];
  return checkResponse(method, path, reply.status, reply.body).map(
    (v) => `${where} answered HTTP ${reply.status}: ${v.message}`,
  );
}

/**
 * A body as the contract schema `name`, or null when it is not one. An answer `Session.send` returned has been held
 * to its schema already; this is that check once more, to carry the schema's type to the code that reads it.
 */
export function bodyAs<Name extends SchemaName>(
  body: unknown,
  name: Name,
): components["schemas"][Name] | null {
  const isSchema = contractValidator(name);
  return isSchema(body) ? body : null;
}

/** (c) Invariants 1, 2, 3 and 6 on one status, with the model's override for 3. */
export function invariantProblems(
  catalog: Catalog,
  status: Status,
  override: Override | null,
  now: number,
  label = "status",
): string[] {
  return checkStatusInvariants(catalog, status, override, now).map(
    (v) => `${label}: invariant ${v.invariant}: ${v.message}`,
  );
}

/** The ETag a status answer carries: its version in quotes, per the contract. */
export function etagProblems(reply: Reply, version: number): string[] {
  const want = `"${version}"`;
  return reply.etag === want ? [] : [`ETag is ${reply.etag ?? "missing"}, the body's version says ${want}`];
}

/** The error body's shape for a refusal, beyond the schema: a code and a message a person can read. */
export function errorBodyProblems(reply: Reply): string[] {
  const error = isJsonObject(reply.body) && isJsonObject(reply.body.error) ? reply.body.error : undefined;
  if (typeof error?.code !== "string" || error.code === "") return ["the error body has no code"];
  if (typeof error.message !== "string" || error.message.trim() === "")
    return ["the error body has no message"];
  return [];
}
