import { describe, expect, it } from "vitest";
import { DEFECTS, type Defect } from "../../src/twin/index.js";
import { serveTwin } from "../twin/serve-process.js";
import { conform } from "./run-conform.js";

/** Each known-bad twin, and a property that must name it. */
const CAUGHT_BY: Record<Defect, string> = {
  ignore_expensive_floor: "fail-safe-on-failing-telemetry",
  override_never_expires: "override-expires-at-expires_at",
  unknown_preset_falls_back: "bad-input-unknown-preset",
  telemetry_error_reads_normal: "fail-safe-on-failing-telemetry",
  status_read_mutates: "status-read-is-read-only",
  override_race: "concurrent-overrides-one-winner",
  stale_if_match_accepted: "bad-input-stale-if-match",
  unknown_query_ignored: "bad-input-unknown-query",
  auth_not_required: "bad-input-missing-auth",
  error_body_untyped: "bad-input-unknown-preset",
  status_missing_field: "status-read-is-read-only",
};

describe("throughput-gate conform against known-bad twins", () => {
  it("fails each `twin serve --defect NAME` and names the property that caught it", async () => {
    const runs = Object.entries(CAUGHT_BY).map(async ([defect, property]) => {
      const served = await serveTwin(["--defect", defect], /^defects on: .+$/m);
      try {
        const r = await conform(["--api-url", served.url, "--runs", "5"]);
        return { defect, property, exitCode: r.exitCode, stdout: r.stdout };
      } finally {
        served.proc.kill("SIGTERM");
        await served.proc;
      }
    });
    for (const { defect, property, exitCode, stdout } of await Promise.all(runs)) {
      expect(exitCode, defect).toBe(1);
      expect(stdout, defect).toMatch(new RegExp(`^FAIL ${property}: `, "m"));
      expect(stdout, defect).toMatch(/^conform: \d+ passed, [1-9]\d* failed/m);
    }
  });

  it("covers every defect switch of the twin", () => {
    expect(Object.keys(CAUGHT_BY).sort()).toEqual([...DEFECTS].sort());
  });
});
