import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { twin } from "../twin/helpers.js";

const ROOT = "src/api-client";
/** What the client may import from other parts: the contract through its index, and common's modules. */
const allowed = (target: string) =>
  target === "src/contract/index.ts" || /^src\/common\/[^/]+\.ts$/.test(target);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Calls the twin's status once through the built client in a fresh process; prints the HTTP modules Node loaded. */
const SCRIPT = `
const { createApiClient } = await import(process.argv[1]);
const client = createApiClient({ baseUrl: process.env.API_URL, credentials: { user: "ops", password: "s3cret" } });
const { body } = await client.get("/workflows/throughput-policy/status");
const loaded = process.moduleLoadList.filter((m) => /undici|^NativeModule (http|https)$/.test(m));
console.log(JSON.stringify({ version: body.version, loaded }));
`;

describe("src/api-client", () => {
  it("imports no part but the contract (through its index) and common's modules", () => {
    const outside = files(ROOT).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)].flatMap(([, spec = ""]) => {
        const target = relative(process.cwd(), resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
        return target.startsWith(`${ROOT}/`) || allowed(target) ? [] : [`${file}: ${spec}`];
      }),
    );
    expect(outside).toEqual([]);
  });

  it("calls over node:http alone: neither fetch's undici nor node:https is loaded for an http URL", async () => {
    const t = await twin({ credentials: { users: { ops: "s3cret" } } });
    const run = await execa(
      process.execPath,
      ["--input-type=module", "-e", SCRIPT, builtBin("api-client/index.js")],
      { env: { API_URL: t.url }, reject: false },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ version: 1, loaded: ["NativeModule http"] });
  });
});
