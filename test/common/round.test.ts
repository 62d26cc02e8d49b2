import { describe, expect, it } from "vitest";
import { round3, roundTo } from "../../src/common/index.js";

describe("rounding", () => {
  it("rounds to the given decimals, as Math.round does", () => {
    expect(round3(1.23456)).toBe(1.235);
    expect(round3(2.0005)).toBe(Math.round(2.0005 * 1000) / 1000);
    expect(roundTo(12.34, 1)).toBe(12.3);
    expect(roundTo(0.123456, 4)).toBe(0.1235);
  });

  it("gives 0, never -0, so JSON and String() agree", () => {
    expect(Object.is(round3(-0.0001), 0)).toBe(true);
    expect(Object.is(roundTo(-0.01, 1), 0)).toBe(true);
  });
});
