import { describe, expect, it } from "vitest";
import { table } from "../../src/common/index.js";

describe("table", () => {
  it("pads each column to its widest cell, two spaces apart, and never pads the last", () => {
    const text = table(
      ["NAME", "N", "NOTE"],
      [
        ["alpha", "1", "first"],
        ["b", "200", ""],
      ],
    );
    expect(text).toBe(["NAME   N    NOTE", "alpha  1    first", "b      200"].join("\n"));
  });

  it("cuts a line longer than the width with …, and leaves shorter ones alone", () => {
    const text = table(["A", "B"], [["x", "a long last cell"]], 10);
    expect(text.split("\n")).toEqual(["A  B", "x  a long…"]);
    expect(text.split("\n").every((l) => l.length <= 10)).toBe(true);
  });

  it("does not cut without a width", () => {
    expect(table(["A"], [["x".repeat(500)]]).split("\n")[1]).toHaveLength(500);
  });
});
