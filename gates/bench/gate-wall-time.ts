/**
 * The gate's own wall time, for the default run and for --quick, split per step, read from the bundles the runs
 * write. "Outside sampling" is everything but the benchmark step.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

export interface GateWallTime {
  mode: "default" | "quick" | "pytest-benchmark example";
  exit_code: number;
  total_seconds: number;
  outside_sampling_seconds: number;
  steps_seconds: Record<string, number>;
  target_seconds: number;
}

const MODES: Record<GateWallTime["mode"], { args: string[]; target: number }> = {
  quick: { args: ["--quick"], target: 10 },
  default: { args: [], target: 45 },
  "pytest-benchmark example": {
    args: ["--config", "gates/examples/pytest-benchmark.config.json"],
    target: 120,
  },
};

async function once(mode: GateWallTime["mode"]): Promise<GateWallTime> {
  const out = mkdtempSync(join(tmpdir(), "gate-bench-"));
  const r = await execa("node", ["dist/gate/cli.js", "run", "--out", out, ...MODES[mode].args], {
    reject: false,
    env: { CI: "true" },
  });
  const timings = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")).measured.timings_ms as Record<
    string,
    number
  >;
  rmSync(out, { recursive: true, force: true });
  const steps = Object.fromEntries(
    Object.entries(timings)
      .filter(([k]) => k !== "total")
      .map(([k, v]) => [k, v / 1000]),
  );
  const total = (timings.total ?? 0) / 1000;
  return {
    mode,
    exit_code: r.exitCode ?? -1,
    total_seconds: total,
    outside_sampling_seconds: Math.round((total - (steps.benchmark ?? 0)) * 1000) / 1000,
    steps_seconds: steps,
    target_seconds: MODES[mode].target,
  };
}

export async function measureGateWallTime(): Promise<GateWallTime[]> {
  return [await once("quick"), await once("default"), await once("pytest-benchmark example")];
}
