import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/index.js";
import { loadGateConfig } from "../../src/gate/config.js";
import { liveSetup, scenarioFor } from "../../src/gate/target.js";

const root = process.cwd();
const config = loadGateConfig(resolve(root, "gates/gate.config.json"), root);
const base = { root, quick: true };
const URL = "http://127.0.0.1:9/api";

describe("liveSetup", () => {
  it("runs on the gate's twins without a URL", () => {
    expect(liveSetup(config, base)).toEqual({ apiUrl: undefined, config, base: { kind: "none" } });
  });

  it("records a base under the base preset, not the candidate", () => {
    const setup = liveSetup(config, { ...base, apiUrl: URL, recordBase: true });
    expect(setup.base).toEqual({ kind: "recording" });
    expect(setup.config.candidate.preset).toBe(config.base_preset);
  });

  it.each([
    ["--record-base without a live target", { recordBase: true }, /--record-base needs a live target/],
    ["--base-bundle without a live target", { baseBundle: "b.json" }, /--base-bundle needs a live target/],
    [
      "--record-base with --base-bundle",
      { apiUrl: URL, recordBase: true, baseBundle: "b.json" },
      /give one of them/,
    ],
    ["--shard with a live target", { apiUrl: URL, shard: { index: 1, count: 2 } }, /with a live target/],
    ["--shard with --only", { only: "docs" as const, shard: { index: 1, count: 2 } }, /with --only docs/],
  ])("refuses %s as a usage error", (_, flags, message) => {
    expect(() => liveSetup(config, { ...base, ...flags })).toThrow(UsageError);
    expect(() => liveSetup(config, { ...base, ...flags })).toThrow(message);
  });
});

describe("scenarioFor", () => {
  it("switches on the config's defects on top of the scenario's", () => {
    const broken = { ...config, target: { ...config.target, defects: ["ignore_expensive_floor"] } };
    expect(scenarioFor(broken, root).defects).toContain("ignore_expensive_floor");
    expect(scenarioFor(config, root).defects ?? []).not.toContain("ignore_expensive_floor");
  });
});
