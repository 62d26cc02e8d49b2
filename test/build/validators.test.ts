import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATION_ORDER, generateModule } from "../../gates/build/validators.js";
import { checkContract, checkProfile, checkResponse, checkResponseLoaded } from "../../src/contract/index.js";
import { validateCatalog } from "../../src/policy/index.js";

describe("validators compiled at build time", () => {
  it.each(GENERATION_ORDER.map((spec) => [spec.out, spec] as const))(
    "%s is what the build writes from its schemas (run `npm run validators` after editing a schema)",
    async (out, spec) => {
      expect(readFileSync(out, "utf8")).toBe(await generateModule(spec));
    },
  );

  it("keeps ajv's strict 2020-12 behaviour: every error, formats, OpenAPI discriminators", () => {
    const problems = checkContract("Error", { error: 1, extra: true });
    expect(problems.map((p) => p.message).sort()).toEqual([
      '"error" must be object',
      'unknown field "extra"',
    ]);
    const queues = checkContract("Queues", { timestamp: "yesterday", queues: [] });
    expect(queues.map((p) => p.message)).toEqual(['"timestamp" must match format "date-time"']);
    expect(checkContract("Queues", { timestamp: "2026-01-01T00:00:00Z", queues: [] })).toEqual([]);
  });

  it("checks a response with only its own schema's module loaded, as the whole contract's validators do", async () => {
    const status = "/workflows/throughput-policy/status";
    for (const [method, path, code, body] of [
      ["GET", status, 200, { summary: 1 }],
      ["GET", status, 200, {}],
      ["PUT", "/workflows/throughput-policy/preset", 200, { changed: "yes" }],
      ["GET", "/workflows/throughput-policy/history", 200, { entries: 1 }],
      ["GET", "/no/such/path", 200, {}],
    ] as const) {
      const loaded = await checkResponseLoaded(method, path, code, body);
      expect(loaded).toEqual(checkResponse(method, path, code, body));
      expect(loaded.length).toBeGreaterThan(0);
    }
  });

  it("checks files against their schema without reading the schema at run time", () => {
    expect(checkProfile({ name: "x" }).length).toBeGreaterThan(0);
    const catalog = validateCatalog({ classes: [] });
    expect(catalog.ok).toBe(false);
  });

  it("leaves ajv's compiler out of both CLIs' bundles", () => {
    const chunks = readdirSync("dist/chunks").map((c) => `dist/chunks/${c}`);
    for (const cli of ["ctl", "gate"]) {
      const responses =
        cli === "ctl" ? readdirSync("dist/ctl/responses").map((f) => `dist/ctl/responses/${f}`) : [];
      const own = [...chunks.filter((c) => c.startsWith(`dist/chunks/${cli}-`)), ...responses];
      const entry = cli === "ctl" ? "dist/ctl/main.cjs" : "dist/gate/cli.js";
      const text = [entry, ...own].map((f) => readFileSync(f, "utf8")).join("\n");
      // The compiler's option defaults and its schema registry's message: present only when ajv's core is bundled.
      expect(text).not.toMatch(/strictTuples|schema with key or id/);
      expect(text).toMatch(/compiled_validate/);
    }
  });
});
