import { describe, expect, it } from "vitest";
import { didYouMean, helpHint, nearest } from "../../src/cli/index.js";

describe("nearest: the candidate a typo meant", () => {
  it.each([
    ["stauts", ["status", "presets", "set"], "status"],
    ["revrt", ["status", "revert"], "revert"],
    ["jsn", ["json", "debug"], "json"],
    ["explode", ["status", "presets"], undefined],
    ["x", ["status"], undefined],
  ])("%s among %j is %s", (typed, candidates, expected) => {
    expect(nearest(typed, candidates)).toBe(expected);
  });

  it("ties go to the first candidate declared", () => {
    expect(nearest("sat", ["set", "sit"])).toBe("set");
  });

  it("didYouMean is a clause, or nothing", () => {
    expect(didYouMean("jsn", ["json"], "--")).toBe('; did you mean "--json"?');
    expect(didYouMean("zzzzzz", ["json"])).toBe("");
  });

  it("the help hint follows a question in brackets", () => {
    expect(helpHint('did you mean "status"?', "nemesis-ctl")).toBe(" (see nemesis-ctl --help)");
    expect(helpHint("--reason must not be empty", "nemesis-ctl")).toBe("; see nemesis-ctl --help");
  });
});
