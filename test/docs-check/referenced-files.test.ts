import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandLimits, DocsContractError, triggerIds } from "../../src/docs-check/contract.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("docs-referenced");
const write = (name: string, value: unknown) => {
  writeFileSync(join(dir, name), JSON.stringify(value));
  return name;
};

describe("the files a docs contract points at", () => {
  it("give the catalog's preset names and longest TTL, and the trigger ids", () => {
    const catalog = write("catalog.json", { presets: [{ name: "a" }], max_override_ttl_seconds: 60 });
    const triggers = write("triggers.json", { triggers: [{ id: "t1" }] });
    expect(commandLimits({ catalog, files: [] }, dir)).toEqual({ knownPresets: ["a"], maxTtlSeconds: 60 });
    expect(triggerIds({ triggers_file: triggers, files: [] }, dir)).toEqual(["t1"]);
    expect(triggerIds({ triggers_file: write("none.json", {}), files: [] }, dir)).toEqual([]);
  });

  it("are refused, naming the file, when they are of another shape", () => {
    const listed = write("listed.json", []);
    expect(() => commandLimits({ catalog: listed, files: [] }, dir)).toThrow(DocsContractError);
    expect(() => commandLimits({ catalog: listed, files: [] }, dir)).toThrow(
      /listed\.json: the catalog is not a JSON object/,
    );
    const unnamed = write("unnamed.json", { triggers: [{ name: "t1" }] });
    expect(() => triggerIds({ triggers_file: unnamed, files: [] }, dir)).toThrow(
      /unnamed\.json: triggers\[0\] has no "id" string/,
    );
  });
});
