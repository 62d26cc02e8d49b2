import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { checkResponse } from "../../src/contract/index.js";
import { RESPONSE_SCHEMAS, RESPONSE_VALIDATORS } from "../../src/contract/responses/index.generated.js";
import { builtBin } from "../cli.js";
import { twin } from "../twin/helpers.js";

const CTL = builtBin("ctl/main.cjs");
/** The CLI itself, which the bin runs. */
const BUNDLE = builtBin("ctl/nemesis-ctl.cjs");
const requireBuilt = createRequire(BUNDLE);

/** The comment esbuild puts above a module's code in a bundle: where it stands, the module was bundled. */
const moduleMark = (name: string) => `// src/contract/responses/${name}.generated.ts\n`;

describe("nemesis-ctl's bundle", () => {
  const names = Object.keys(RESPONSE_VALIDATORS);

  it("leaves each response validator to a CommonJS file of its own, out of the bin", () => {
    const bin = readFileSync(BUNDLE, "utf8");
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const file = builtBin(`ctl/responses/${name}.cjs`);
      expect(bin).toContain(`require("./responses/${name}.cjs")`);
      expect(bin).not.toContain(moduleMark(name));
      expect(readFileSync(file, "utf8")).toContain(moduleMark(name));
    }
  });

  it("has each response file judge an answer as the whole contract does", () => {
    for (const [key, name] of Object.entries(RESPONSE_SCHEMAS)) {
      const [method = "", path = "", status = ""] = key.split(" ");
      const { validate } = requireBuilt(`./responses/${name}.cjs`);
      for (const body of [{}, { error: { code: "x", message: "y" } }, { summary: 1 }]) {
        const problems = checkResponse(method, path, Number(status), body);
        expect(validate(body), `${key} on ${JSON.stringify(body)}`).toBe(problems.length === 0);
      }
    }
  });

  it("reads the status without starting Node's ES module loader", async () => {
    const t = await twin();
    // Runs the bin as `node main.cjs throughput status --json` does, and prints the modules Node loaded for it.
    const listLoaded = `const before = new Set(process.moduleLoadList);
process.on("exit", () => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m)))));
require(require("node:path").resolve(process.argv[1]));`;
    const run = await execa("node", ["-e", listLoaded, CTL, "throughput", "status", "--json"], {
      env: { NEMESIS_API_URL: t.url },
      reject: false,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).active_preset).toEqual(expect.any(String));
    const loaded: string[] = JSON.parse(run.stderr);
    expect(loaded).toContain("NativeModule http");
    expect(loaded.filter((m) => m.includes("modules/esm/"))).toEqual([]);
  });
});
