import { readFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CONTRACT_PATH, checkContract, responseSchemaName, type Status } from "../../src/contract/index.js";
import type { PolicyStatus } from "../../src/policy/index.js";

describe("the API contract", () => {
  it("is the one source of the TypeScript types: regenerating them changes nothing", async () => {
    const doc = JSON.parse(readFileSync(CONTRACT_PATH, "utf8"));
    const regenerated = astToString(await openapiTS(doc));
    const committed = readFileSync(new URL("../../src/contract/generated.ts", import.meta.url), "utf8");
    const body = (text: string) => text.slice(text.indexOf("export"));
    expect(body(committed), "run npm run contract:types and commit the result").toBe(body(regenerated));
  });

  it("describes exactly the status the policy engine derives", () => {
    expectTypeOf<PolicyStatus>().toEqualTypeOf<Status>();
  });

  it("maps each operation's responses to their schemas", () => {
    expect(responseSchemaName("GET", "/workflows/throughput-policy/status", 200)).toBe("Status");
    expect(responseSchemaName("POST", "/workflows/throughput-policy/overrides", 409)).toBe("Error");
    expect(responseSchemaName("POST", "/workflows/throughput-policy/revert", 200)).toBe("RevertResult");
    expect(responseSchemaName("GET", "/workflows/throughput-policy/status", 503)).toBeNull();
  });

  it("rejects bodies that drift from it", () => {
    expect(checkContract("Error", { error: { code: "x", message: "y" } })[0]?.message).toBe(
      'missing field "error.field"',
    );
    expect(checkContract("SetPresetRequest", { preset: "a", reason: "b", force: 1 })[0]?.message).toBe(
      'unknown field "force"',
    );
  });
});
