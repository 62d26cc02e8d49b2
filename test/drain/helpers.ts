import { readFileSync } from "node:fs";
import type { StressProfile } from "../../src/contract/index.js";
import { drainOnTwin, type PolicyChoice } from "../../src/drain/index.js";
import type { Defect } from "../../src/twin/index.js";
import { twin } from "../twin/helpers.js";

export const profile = (name: string): StressProfile =>
  JSON.parse(readFileSync(`fixtures/profiles/${name}.json`, "utf8")) as StressProfile;

/** One drain run on a fresh twin on loopback, through HTTP, as the drain command does it. */
export async function drainRun(p: StressProfile, choice: PolicyChoice, defects: Defect[] = []) {
  const t = await twin(
    defects.length
      ? {
          scenario: {
            name: "defects",
            epoch: "2026-01-01T00:00:00Z",
            telemetry: [{ at: 0, depths: {} }],
            defects,
          },
        }
      : {},
  );
  return drainOnTwin({ url: t.url }, p, choice);
}
