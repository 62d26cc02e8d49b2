import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/docs-check/index.js";
import { loadScenarioFile } from "../../src/twin/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";
import { twin } from "../twin/helpers.js";

const scratch = tempDir("usage-guide-test");

/** The commands a console block of the guide runs, by the program's name: the twin's controls, not `twin serve`. */
const REPLAYED: Record<string, (argv: string[]) => string | null> = {
  "nemesis-ctl": () => "ctl/main.cjs",
  "throughput-gate": (argv) => (argv[0] === "twin" && argv[1] !== "serve" ? "gate/cli.js" : null),
};

/** The built CLI and its argv for one `$ …` line, `npx` or not; null for a line the replay does not run. */
function replayed(line: string): { bin: string; argv: string[] } | null {
  const words = parse(line.slice(2)) as string[];
  const [program = "", ...argv] = words[0] === "npx" ? words.slice(1) : words;
  const bin = REPLAYED[program]?.(argv);
  return bin ? { bin: builtBin(bin), argv } : null;
}

/**
 * The usage guide shows real output. This replays every `$ nemesis-ctl …` and `$ throughput-gate twin …` line of
 * its console blocks, in order, against a fresh twin on the scenario the guide names, as a reader who follows it
 * from "Two minutes" on would, and compares what each CLI prints with what the guide says.
 */
describe("docs/usage_guide.md shows real output", () => {
  // 18 CLI runs in a row, each a fresh node process: on a busy machine that outlasts the usual timeout.
  it("every console example prints exactly what the guide shows", async () => {
    const doc = parseMarkdown("docs/usage_guide.md", readFileSync("docs/usage_guide.md", "utf8"));
    const t = await twin({ scenario: loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json") });
    const cwd = mkdtempSync(join(scratch, "guide-"));
    mkdirSync(join(cwd, "evidence", "out"), { recursive: true });
    let compared = 0;
    for (const fence of doc.fences.filter((f) => f.info === "console")) {
      const lines = fence.content.trimEnd().split("\n");
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? "";
        const command = line.startsWith("$ ") ? replayed(line) : null;
        if (!command) continue;
        const expected: string[] = [];
        for (let j = i + 1; j < lines.length && !lines[j]?.startsWith("$ "); j++)
          expected.push(lines[j] ?? "");
        const r = await execa("node", [command.bin, ...command.argv], {
          cwd,
          reject: false,
          env: { NEMESIS_API_URL: t.url, NO_COLOR: "1" },
        });
        const printed = `${r.stdout}${r.stderr ? `${r.stdout ? "\n" : ""}${r.stderr}` : ""}`;
        expect(printed, `${line} (docs/usage_guide.md:${fence.line + 1 + i})`).toBe(expected.join("\n"));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(17);
  }, 180_000);
});
