import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogNames, ProfileError } from "../../src/drain/index.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("catalog-names");
const catalogFile = (name: string, catalog: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(catalog));
  return file;
};

describe("catalogNames", () => {
  it("reads the names of the queues and classes", () => {
    const file = catalogFile("ok.json", { queues: [{ name: "q" }], classes: [{ name: "a" }, { name: "b" }] });
    expect(catalogNames(file)).toEqual({ queues: ["q"], classes: ["a", "b"] });
  });

  it("refuses a catalog without a list, or an entry without a name, naming the file", () => {
    const noQueues = catalogFile("no-queues.json", { classes: [] });
    expect(() => catalogNames(noQueues)).toThrow(ProfileError);
    expect(() => catalogNames(noQueues)).toThrow(`${noQueues}: the catalog has no "queues" list`);
    const unnamed = catalogFile("unnamed.json", { queues: [], classes: [{ tier: 1 }] });
    expect(() => catalogNames(unnamed)).toThrow(`${unnamed}: the catalog's classes[0] has no name`);
  });
});
