import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CatalogError,
  checkStatusInvariants,
  classifyFile,
  DEFAULT_CATALOG_PATH,
  deriveStatus,
  ingestSample,
  initialState,
  loadCatalogFile,
} from "../../src/policy/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("catalog-test");

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary catalog JSON
type Json = Record<string, any>;

const shipped = (): Json => JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, "utf8"));
const dir = mkdtempSync(join(scratch, "catalog-"));

function loadEdited(name: string, edit: (c: Json) => void): CatalogError | null {
  const catalog = shipped();
  edit(catalog);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(catalog));
  try {
    loadCatalogFile(file);
    return null;
  } catch (err) {
    if (err instanceof CatalogError) return err;
    throw err;
  }
}

describe("catalog validation", () => {
  it("accepts the shipped catalog", () => {
    const catalog = loadCatalogFile();
    expect(catalog.presets.map((p) => p.name)).toEqual(["conservative", "balanced", "aggressive"]);
    expect(catalog.known_good_preset).toBe("balanced");
    expect(catalog.max_override_ttl_seconds).toBe(86_400);
  });

  it.each([
    [
      "floor-zero",
      (c: Json) => (c.presets[1].classes.expensive.floor = 0),
      "$.presets[1].classes.expensive.floor",
      "schema/minimum",
    ],
    [
      "baseline-below-expensive",
      (c: Json) => (c.presets[2].classes.baseline.parallelism = 1),
      "$.presets[2].classes.baseline.parallelism",
      "tier-parallelism-order",
    ],
    [
      "unknown-class",
      (c: Json) => (c.presets[0].classes.gpu = { parallelism: 1, floor: 1 }),
      "$.presets[0].classes.gpu",
      "preset-classes",
    ],
    [
      "unknown-queue",
      (c: Json) => (c.presets[1].queues.dotnet_input = { warning: 1, critical: 2 }),
      "$.presets[1].queues.dotnet_input",
      "preset-queues",
    ],
    [
      "warning-equals-critical",
      (c: Json) => (c.presets[0].queues.titus_input = { warning: 16, critical: 16 }),
      "$.presets[0].queues.titus_input",
      "warning-below-critical",
    ],
    [
      "warning-above-critical",
      (c: Json) => (c.presets[1].queues.new_file = { warning: 130, critical: 120 }),
      "$.presets[1].queues.new_file",
      "warning-below-critical",
    ],
    [
      "duplicate-preset",
      (c: Json) => c.presets.push({ ...c.presets[0] }),
      "$.presets[3].name",
      "unique-preset-name",
    ],
    [
      "floor-over-parallelism",
      (c: Json) => (c.presets[2].classes.expensive.floor = 3),
      "$.presets[2].classes.expensive.floor",
      "deployment-fit",
    ],
    [
      "unknown-known-good",
      (c: Json) => (c.known_good_preset = "steady"),
      "$.known_good_preset",
      "preset-references",
    ],
    ["two-default-classes", (c: Json) => (c.classes[1].default = true), "$.classes", "class-membership"],
    [
      "unknown-field",
      (c: Json) => (c.presets[0].sustain = 10),
      "$.presets[0]",
      "schema/additionalProperties",
    ],
  ])("rejects %s, naming the file, the JSON path and the rule", (name, edit, path, rule) => {
    const error = loadEdited(name, edit);
    expect(error).toBeInstanceOf(CatalogError);
    const file = join(dir, `${name}.json`);
    const lines = error?.message.split("\n") ?? [];
    expect(lines.filter((l) => l.startsWith(`${file}: ${path}: `) && l.endsWith(`[${rule}]`))).toHaveLength(
      1,
    );
    expect(lines.every((l) => l.startsWith(`${file}: $`))).toBe(true);
  });

  it("names a file it cannot read or parse", () => {
    const bad = join(dir, "broken.json");
    writeFileSync(bad, "{ not json");
    expect(() => loadCatalogFile(bad)).toThrow(new RegExp(`^${bad}: \\$: .*\\[file/json\\]$`));
    expect(() => loadCatalogFile(join(dir, "absent.json"))).toThrow(
      /cannot read file \(ENOENT\) \[file\/readable\]$/,
    );
  });
});

describe("classes", () => {
  it("classify by extension, case-insensitively, with everything else baseline", () => {
    const catalog = loadCatalogFile();
    expect(["a.ZIP", "b.vhdx", "c.docx", "d.exe"].map((f) => classifyFile(catalog, f))).toEqual(
      Array(4).fill("expensive"),
    );
    expect(["notes.txt", "Makefile", "x.doc", "img.png"].map((f) => classifyFile(catalog, f))).toEqual(
      Array(4).fill("baseline"),
    );
  });

  it("gain a third tier through data alone", () => {
    const file = join(dir, "three-classes.json");
    const c = shipped();
    c.classes[1].extensions = c.classes[1].extensions.filter(
      (e: string) => ![".iso", ".vhd", ".vhdx"].includes(e),
    );
    c.classes.push({ name: "disk_image", extensions: [".iso", ".vhd", ".vhdx"] });
    for (const preset of c.presets) preset.classes.disk_image = { parallelism: 1, floor: 1 };
    c.presets[2].classes.baseline.parallelism = 3; // 3 + two lower-tier floors fit in 5 workers
    writeFileSync(file, JSON.stringify(c));

    const catalog = loadCatalogFile(file);
    expect(classifyFile(catalog, "disk.vhdx")).toBe("disk_image");
    const state = ingestSample(
      catalog,
      initialState(catalog),
      { new_file: 0, document_conversion_input: 0, titus_input: 0 },
      0,
    );
    if (!state.ok) throw new Error(state.error.message);
    const status = deriveStatus(catalog, state.state, 0);
    expect(status.class_states.map((cls) => cls.class_name)).toEqual(["baseline", "expensive", "disk_image"]);
    expect(status.summary).toContain("0/3 classes deferred");
    expect(checkStatusInvariants(catalog, status, null, 0)).toEqual([]);
  });
});
