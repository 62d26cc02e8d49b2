import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../../src/twin/index.js";
import { tempDir } from "../temp-dir.js";
import { twin } from "../twin/helpers.js";
import { conform } from "./run-conform.js";

const DIR = tempDir("conform");

describe("throughput-gate conform against the twin", () => {
  it("passes every property on a healthy twin, and its JSON report is the same twice", async () => {
    const t = await twin();
    const [a, b] = [join(DIR, "a.json"), join(DIR, "b.json")];
    const first = await conform(["--api-url", t.url, "--quick", "--json", a]);
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    const lines = first.stdout.split("\n");
    expect(lines.filter((l) => !l.startsWith("pass "))).toEqual([
      expect.stringMatching(
        /^conform: 16 passed, 0 failed, 0 skipped \(seed 20260101, 15 sequences asked, \d+ calls\)$/,
      ),
    ]);
    expect((await conform(["--api-url", t.url, "--quick", "--json", b])).exitCode).toBe(0);
    const read = (file: string) => {
      const { measured, ...rest } = JSON.parse(readFileSync(file, "utf8"));
      expect(measured.duration_ms.total).toBeGreaterThan(0);
      return rest;
    };
    expect(read(b)).toEqual(read(a));
  });

  it("prints a failing sequence shrunk, with the seed that replays it", async () => {
    const t = await twin({ scenario: { ...DEFAULT_SCENARIO, defects: ["status_read_mutates"] } });
    const r = await conform(["--api-url", t.url, "--only", "model-sequences", "--runs", "5"]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      "FAIL model-sequences: status: version is 3, the model says 2\n  shrunk sequence (1 call):\n    1. status\n",
    );
    expect(r.stdout).toContain(
      `replay: throughput-gate conform --api-url ${t.url} --runs 5 --seed 20260101 --only model-sequences`,
    );
  });
  it("checks only codes and schemas under --schema-only, so a declared wrong answer passes", async () => {
    const t = await twin({ scenario: { ...DEFAULT_SCENARIO, defects: ["unknown_preset_falls_back"] } });
    const r = await conform(["--api-url", t.url, "--schema-only", "--only", "bad-input-unknown-preset"]);
    expect(r.stdout).toMatch(/^pass bad-input-unknown-preset/m);
    expect(r.stdout).toMatch(/, schema only\)$/m);
    expect(r.exitCode).toBe(0);
  });

  it("refuses bad usage with exit 2 and one line", async () => {
    for (const argv of [
      [],
      ["--api-url", "http://127.0.0.1:9/api", "--seed", "x"],
      ["--only", "nope"],
      ["--runs", "0"],
    ]) {
      const r = await conform(argv);
      expect(r.exitCode, argv.join(" ")).toBe(2);
      expect(r.stderr.split("\n"), argv.join(" ")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
  });

  it("exits 1 naming the target when nothing answers", async () => {
    const r = await conform(["--api-url", "http://127.0.0.1:9/api"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^throughput-gate: GET \/__twin\/clock: no answer from http:\/\/127\.0\.0\.1:9/);
  });
});
