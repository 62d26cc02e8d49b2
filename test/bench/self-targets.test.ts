import { describe, expect, it } from "vitest";
import { isMet, type Target, targetsSummary, targetText } from "../../gates/bench/targets.js";

const gateQuick = (value: number): Target => ({ what: "gate quick", value, op: "<=", limit: 10, unit: " s" });
const twinRatio = (value: number): Target => ({ what: "twin throughput ratio", value, op: ">=", limit: 0.8 });

describe("npm run bench: met and missed targets", () => {
  it("prints a met target plainly and marks a missed one", () => {
    expect(targetText(gateQuick(8.1))).toBe("8.1 s (target <= 10 s)");
    expect(targetText(gateQuick(12.4))).toBe("12.4 s (target <= 10 s) MISSED");
    expect(targetText(twinRatio(0.6))).toBe("0.6 (target >= 0.8) MISSED");
  });

  it("reads each comparison the way it is written", () => {
    expect(isMet(gateQuick(10))).toBe(true);
    expect(isMet({ what: "simulation wall time", value: 2, op: "<", limit: 2 })).toBe(false);
    expect(isMet(twinRatio(0.8))).toBe(true);
  });

  it("closes with every missed target in one line", () => {
    expect(targetsSummary([gateQuick(8.1), twinRatio(0.9)])).toBe("bench: all 2 targets met");
    expect(targetsSummary([gateQuick(12.4), twinRatio(0.9), twinRatio(0.6)])).toBe(
      "bench: MISSED 2 of 3 targets: gate quick 12.4 s (target <= 10 s); twin throughput ratio 0.6 (target >= 0.8)",
    );
  });
});
