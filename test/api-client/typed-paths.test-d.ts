/**
 * Type tests, checked by `npm run typecheck` (tsc includes test/); nothing here runs. The client's methods are typed
 * over the contract's paths: a path the contract does not have, a method it does not declare there, or a body or
 * query of the wrong shape does not compile, and each answer has the contract's body type.
 */
import { expectTypeOf } from "vitest";
import type { ApiClient, ApiReply, PathsWith } from "../../src/api-client/index.js";
import type {
  History,
  MutationResult,
  PresetCatalog,
  RevertResult,
  Status,
} from "../../src/contract/index.js";

declare const client: ApiClient;

expectTypeOf(client.get("/workflows/throughput-policy/status")).resolves.toEqualTypeOf<ApiReply<Status>>();
expectTypeOf(client.get("/workflows/throughput-policy/presets")).resolves.toEqualTypeOf<
  ApiReply<PresetCatalog>
>();
expectTypeOf(
  client.get("/workflows/throughput-policy/history", { query: { since_seconds: 60 } }),
).resolves.toEqualTypeOf<ApiReply<History>>();
expectTypeOf(
  client.put("/workflows/throughput-policy/preset", { preset: "balanced", reason: "r" }, { ifMatch: '"3"' }),
).resolves.toEqualTypeOf<ApiReply<MutationResult>>();
expectTypeOf(
  client.post("/workflows/throughput-policy/overrides", {
    preset: "aggressive",
    ttl_seconds: 60,
    reason: "r",
    replace: false,
  }),
).resolves.toEqualTypeOf<ApiReply<MutationResult>>();
expectTypeOf(client.post("/workflows/throughput-policy/revert", { reason: "r" })).resolves.toEqualTypeOf<
  ApiReply<RevertResult>
>();

// Only the paths that declare the method.
expectTypeOf<PathsWith<"delete">>().toEqualTypeOf<"/workflows/throughput-policy/overrides/current">();

// @ts-expect-error: not a path of the contract
client.get("/workflows/throughput-policy/state");
// @ts-expect-error: status is read, never put
client.put("/workflows/throughput-policy/status", { preset: "balanced", reason: "r" });
// @ts-expect-error: a preset request needs its reason
client.put("/workflows/throughput-policy/preset", { preset: "balanced" });
// @ts-expect-error: the presets take no query
client.get("/workflows/throughput-policy/presets", { query: { preset: "x" } });
// @ts-expect-error: a what-if's telemetry_stale is a boolean
client.get("/workflows/throughput-policy/status", { query: { telemetry_stale: "yes" } });
