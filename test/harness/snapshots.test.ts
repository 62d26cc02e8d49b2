import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("snapshot-probe");

describe("snapshots never bless themselves", () => {
  it("a test whose snapshot is missing fails under the project's config, and nothing is written", async () => {
    writeFileSync(
      join(scratch, "probe.test.ts"),
      'import { expect, it } from "vitest";\nit("probe", () => expect({ a: 1 }).toMatchSnapshot());\n',
    );
    // The project's own config, pointed at the probe only; CI is unset, as on a developer's machine.
    writeFileSync(
      join(scratch, "vitest.config.mjs"),
      [
        `import base from ${JSON.stringify(resolve("vitest.config.ts"))};`,
        "export default { ...base, test: { ...base.test, include: ['probe.test.ts'], exclude: [],",
        "  globalSetup: [], reporters: ['default'], outputFile: undefined, maxWorkers: 1 } };",
      ].join("\n"),
    );
    const r = await execa("npx", ["vitest", "run", "--root", scratch, "--config", "vitest.config.mjs"], {
      reject: false,
      env: { CI: "", GITHUB_ACTIONS: "" },
      extendEnv: true,
    });
    expect(r.exitCode).toBe(1);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(
      /Snapshot .*probe.* mismatched|snapshot.*(not written|missing)/i,
    );
    expect(existsSync(join(scratch, "__snapshots__"))).toBe(false);
  }, 60_000);
});
