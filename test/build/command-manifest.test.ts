import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateManifest, MANIFEST } from "../../gates/build/command-manifest.js";
import { GATE_CLI } from "../../src/gate/cli-spec.js";
import { GATE_COMMANDS } from "../../src/gate/commands/index.js";

describe("the gate's command manifest", () => {
  it("is what the build writes from the one list of commands (run `npm run validators` after changing one)", async () => {
    expect(readFileSync(MANIFEST, "utf8")).toBe(await generateManifest());
  });

  it("declares every registered command as its module does, in the same order, and loads it to run", () => {
    const declared = GATE_CLI.commands.filter((c) => c.name !== "completion");
    expect(declared.map((c) => c.name)).toEqual(GATE_COMMANDS.map((c) => c.name));
    for (const [i, command] of GATE_COMMANDS.entries()) {
      const { run: _, ...declaration } = command;
      const { run: __, ...fromManifest } = declared[i] ?? { run: undefined };
      expect(fromManifest).toEqual(JSON.parse(JSON.stringify(declaration)));
    }
  });

  it("keeps the bin small: one CommonJS file with the parser and the declarations, no command's code", () => {
    const bin = readFileSync("dist/gate/cli.cjs", "utf8");
    for (const heavy of [
      "node_modules/markdown-it",
      "node_modules/execa",
      "node_modules/fast-check",
      "src/twin/",
      "src/policy/",
    ])
      expect(bin, heavy).not.toContain(`// ${heavy}`);
    expect(bin).toMatch(/import\("\.\.\/gate-commands\/run\.js"\)/);
  });

  it("keeps the ES module entry small: starting it loads no command's code", () => {
    const entry = readFileSync("dist/gate/cli.js", "utf8");
    const staticChunks = [
      ...entry.matchAll(/^} from "\.\.\/chunks\/([^"]+)";$|^import "\.\.\/chunks\/([^"]+)";$/gm),
    ]
      .map((m) => m[1] ?? m[2])
      .map((chunk) => readFileSync(`dist/chunks/${chunk}`, "utf8"));
    const loaded = [entry, ...staticChunks].join("\n");
    // What the commands run with: markdown-it, execa, fast-check, tinybench, the twin, the policy engine.
    for (const heavy of [
      "node_modules/markdown-it",
      "node_modules/execa",
      "node_modules/fast-check",
      "node_modules/tinybench",
      "src/twin/",
      "src/policy/",
    ])
      expect(loaded, heavy).not.toContain(`// ${heavy}`);
  });
});
