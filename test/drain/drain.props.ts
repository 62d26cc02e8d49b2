import { describe, expect, it } from "vitest";
import { drainRun, profile } from "./helpers.js";

// Twelve whole simulations, seconds each: they run with the long property runs, in `npm run test:props`. The fast
// suite keeps one profile under the invariant (test/drain/drain.test.ts).
describe("queue drain: the dispatch invariant, checked at every event, on every profile under every preset", () => {
  it.each(["bulk-upload-burst", "steady-mixed", "expensive-flood", "idle"])(
    "holds on %s under every preset",
    async (name) => {
      for (const preset of ["conservative", "balanced", "aggressive"]) {
        const run = await drainRun(profile(name), { preset });
        expect(run.invariant_violations, `${name} under ${preset}`).toBe(0);
        expect(run.events).toBeGreaterThan(0);
      }
    },
  );
});
