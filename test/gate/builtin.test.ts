import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinNames, configFile, locateInput } from "../../src/gate/builtin.js";

describe("builtin: names for the files this package ships", () => {
  it("name the shipped catalog, triggers and stress profiles from any repository", () => {
    expect(readFileSync(configFile("/elsewhere", "catalog", "builtin:nemesis"), "utf8")).toBe(
      readFileSync("gates/policy/catalog.json", "utf8"),
    );
    expect(readFileSync(configFile("/elsewhere", "triggers", "builtin:nemesis-triggers"), "utf8")).toBe(
      readFileSync("gates/triggers.json", "utf8"),
    );
    for (const name of builtinNames("profile"))
      expect(JSON.parse(readFileSync(configFile("/elsewhere", "profile", name), "utf8")).name).toBe(
        name.replace("builtin:", ""),
      );
  });

  it("leave every other path relative to the repository", () => {
    expect(configFile("/repo", "catalog", "policy/catalog.json")).toBe("/repo/policy/catalog.json");
  });

  it("refuse an unknown name with the nearest one", () => {
    expect(() => configFile("/repo", "profile", "builtin:bulk-upload-brust")).toThrow(
      '"builtin:bulk-upload-brust" is not a built-in profile: did you mean "builtin:bulk-upload-burst"?',
    );
    expect(() => configFile("/repo", "catalog", "builtin:nemesis-triggers")).toThrow(
      /not a built-in catalog/,
    );
  });

  it("are unique across kinds, so an input is found again by its name alone", () => {
    const all = (["catalog", "triggers", "profile"] as const).flatMap(builtinNames);
    expect(new Set(all).size).toBe(all.length);
    for (const name of all) expect(locateInput("/repo", name)).not.toMatch(/^\/repo\//);
  });
});
