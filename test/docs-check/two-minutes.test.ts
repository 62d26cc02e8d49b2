import { readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/docs-check/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("two-minutes");
const root = resolve(import.meta.dirname, "../..");

/** The console lines of the guide's "Two minutes" section, each with the output the guide shows for it. */
function twoMinutesExamples(): { line: string; expected: string }[] {
  const text = readFileSync(join(root, "docs/usage_guide.md"), "utf8");
  const start = text.indexOf("\n## Two minutes\n");
  const end = text.indexOf("\n## ", start + 1);
  const doc = parseMarkdown("docs/usage_guide.md", text.slice(start, end));
  const examples: { line: string; expected: string }[] = [];
  for (const fence of doc.fences.filter((f) => f.info === "console")) {
    for (const block of `\n${fence.content.trimEnd()}`.split("\n$ ").slice(1)) {
      const [line = "", ...output] = block.split("\n");
      examples.push({ line, expected: output.join("\n") });
    }
  }
  return examples;
}

/**
 * A newcomer's first two minutes, as the guide tells them: a fresh clone, a cold twin started with npx, the URL it
 * prints, and every console example of the section typed as shown, with npx. The clone borrows this checkout's
 * node_modules instead of running `npm ci`, which needs the registry.
 */
describe("the usage guide's Two minutes, from a fresh clone", () => {
  it("a cold twin and every example, with npx, print what the guide shows", async () => {
    const clone = join(scratch, "clone");
    await execa("git", ["clone", "--quiet", root, clone]);
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
    await execa("npm", ["run", "build", "--silent"], { cwd: clone });
    // A shell's environment, with an npx cache of its own so that npx links this clone afresh.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: "1",
      npm_config_cache: join(scratch, "npm-cache"),
      npm_config_update_notifier: "false",
      npm_config_yes: "true",
      npm_config_ignore_scripts: "true",
    };
    const twin = execa(
      "npx",
      ["throughput-gate", "twin", "serve", "--scenario", "fixtures/twin/scenarios/pressure-spike.json"],
      // Its own process group: npx runs the twin as its child, and the end of the test stops both.
      { cwd: clone, env, extendEnv: false, reject: false, detached: true },
    );
    try {
      const url = await new Promise<string>((found, failed) => {
        let printed = "";
        twin.stdout?.on("data", (chunk: Buffer) => {
          printed += chunk;
          const match = /^export NEMESIS_API_URL=(\S+)/m.exec(printed);
          if (match?.[1]) found(match[1]);
        });
        twin.on("exit", () => failed(new Error(`twin serve ended before printing its URL: ${printed}`)));
      });
      const examples = twoMinutesExamples();
      expect(examples.map((e) => e.line.split(" ").slice(0, 3).join(" "))).toEqual([
        "npx nemesis-ctl throughput",
        "npx nemesis-ctl throughput",
        "npx throughput-gate twin",
        "npx nemesis-ctl throughput",
        "npx nemesis-ctl throughput",
      ]);
      for (const { line, expected } of examples) {
        const r = await execa(line, {
          shell: true,
          cwd: clone,
          env: { ...env, NEMESIS_API_URL: url },
          extendEnv: false,
          reject: false,
        });
        const printed = `${r.stdout}${r.stderr ? `${r.stdout ? "\n" : ""}${r.stderr}` : ""}`;
        expect(printed, line).toBe(expected);
      }
    } finally {
      if (twin.pid) process.kill(-twin.pid, "SIGTERM");
      await twin;
    }
  }, 300_000);
});
