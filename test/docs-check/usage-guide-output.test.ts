import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/docs-check/index.js";
import { loadScenarioFile } from "../../src/twin/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";
import { advance, twin } from "../twin/helpers.js";

const scratch = tempDir("usage-guide-test");

/**
 * The usage guide shows real output. This replays every `$ nemesis-ctl …` line of its console blocks, in order,
 * against the twin and scenario the guide names, and compares what the CLI prints with what the guide says.
 */
describe("docs/usage_guide.md shows real output", () => {
  it("every console example prints exactly what the guide shows", async () => {
    const doc = parseMarkdown("docs/usage_guide.md", readFileSync("docs/usage_guide.md", "utf8"));
    const t = await twin({ scenario: loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json") });
    await advance(t, 130);
    const cwd = mkdtempSync(join(scratch, "guide-"));
    mkdirSync(join(cwd, "evidence", "out"), { recursive: true });
    let compared = 0;
    for (const fence of doc.fences.filter((f) => f.info === "console")) {
      const lines = fence.content.trimEnd().split("\n");
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? "";
        if (!line.startsWith("$ nemesis-ctl ")) continue;
        const expected: string[] = [];
        for (let j = i + 1; j < lines.length && !lines[j]?.startsWith("$ "); j++)
          expected.push(lines[j] ?? "");
        const argv = (parse(line.slice(2)) as string[]).slice(1);
        const r = await execa("node", [builtBin("ctl/main.js"), ...argv], {
          cwd,
          reject: false,
          env: { NEMESIS_API_URL: t.url, NO_COLOR: "1" },
        });
        const printed = `${r.stdout}${r.stderr ? `${r.stdout ? "\n" : ""}${r.stderr}` : ""}`;
        expect(printed, `${line} (docs/usage_guide.md:${fence.line + 1 + i})`).toBe(expected.join("\n"));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
