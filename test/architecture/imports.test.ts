import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ImportRules, importEdges, importViolations, readImportRules, sourceFiles } from "./imports.js";

describe("the imports under src/ keep docs/architecture.md's rules", () => {
  const rules = readImportRules(readFileSync("docs/architecture.md", "utf8"));
  const files = sourceFiles("src");
  const edges = files.flatMap((file) => importEdges(file, readFileSync(file, "utf8")));

  it("reads a row for the parts, and the imports of every source file", () => {
    // A table or a scan that came back empty would let every import through.
    expect([...rules.allowed.keys()]).toEqual(
      expect.arrayContaining(["policy", "common", "gate", "api-client"]),
    );
    expect(rules.allowed.get("policy")).toEqual(new Set());
    expect(edges.filter((e) => e.file === "src/gate/cli-spec.ts").map((e) => e.target)).toContain(
      "src/gate/commands/manifest.generated.ts",
    );
  });

  it("has no import a part's row does not allow, no deep import, and commands as leaves", () => {
    expect(importViolations(files, edges, rules)).toEqual([]);
  });
});

/** The rules of a small project, as the architecture document writes them. */
const RULES_DOC = `
| part | may import |
| --- | --- |
| \`base\` | nothing |
| \`cli\` | \`base\` |
| \`later\` | \`base\` |
| \`gate\` | everything |

| file | imports | why it is left |
| --- | --- | --- |
| \`src/cli/old.ts\` | \`../base/deep.js\` | left for now |
`;

/** The import violations of in-memory source files, under RULES_DOC unless told otherwise. */
function violations(sources: Record<string, string>, rules: ImportRules = readImportRules(RULES_DOC)) {
  const files = Object.keys(sources);
  const edges = files.flatMap((file) => importEdges(file, sources[file] ?? ""));
  return importViolations(files, edges, rules);
}

/** Files that keep every rule, with the exception's import in place. */
const CLEAN = {
  "src/base/index.ts": 'export { deep } from "./deep.js";',
  "src/base/deep.ts": "export const deep = 1;",
  "src/cli/index.ts": 'import { deep } from "../base/index.js";\nexport const cli = deep;',
  "src/cli/old.ts": 'import { deep } from "../base/deep.js";',
  "src/gate/cli-spec.ts": 'import { COMMAND_MANIFEST } from "./commands/manifest.generated.js";',
  "src/gate/commands/manifest.generated.ts":
    'export const COMMAND_MANIFEST = [() => import("./a.js"), () => import("./b.js")];',
  "src/gate/commands/index.ts":
    'import { a } from "./a.js";\nimport { b } from "./b.js";\nimport type { Shape } from "./shape.js";\nexport type { Shape };',
  "src/gate/commands/shape.ts": "export interface Shape {}",
  "src/gate/commands/a.ts":
    'import type { Shape } from "./shape.js";\nimport { cli } from "../../cli/index.js";',
  "src/gate/commands/b.ts": 'import type { Shape } from "./shape.js";',
};

describe("importViolations", () => {
  it("finds none in files that keep the rules, with a row whose part has no folder yet", () => {
    expect(violations(CLEAN)).toEqual([]);
  });

  it("names the file, the import and the row of a part importing a part its row does not name", () => {
    expect(violations({ ...CLEAN, "src/base/up.ts": 'import { cli } from "../cli/index.js";' })).toEqual([
      "src/base/up.ts imports ../cli/index.js: base may import nothing (docs/architecture.md), not cli",
    ]);
  });

  it("finds a forbidden import in an export … from, an import() and an import type", () => {
    const found = violations({
      ...CLEAN,
      "src/base/a.ts": 'export { cli } from "../cli/index.js";',
      "src/base/b.ts": 'const cli = await import("../cli/index.js");',
      "src/base/c.ts": 'type Cli = import("../cli/index.js").Cli;',
      "src/base/d.ts": '// import { cli } from "../cli/index.js";\nconst s = "../cli/index.js";',
    });
    expect(found.map((v) => v.split(" ")[0])).toEqual(["src/base/a.ts", "src/base/b.ts", "src/base/c.ts"]);
  });

  it("lets a part import common's modules one by one, which stand alone", () => {
    expect(violations({ ...CLEAN, "src/base/errors.ts": "", "src/common/terminal.ts": "" })).toEqual([
      "src/common/: a part with no row in docs/architecture.md's import table",
    ]);
  });

  it("refuses a deep import of another part's file, even one the row allows", () => {
    expect(violations({ ...CLEAN, "src/cli/new.ts": 'import { deep } from "../base/deep.js";' })).toEqual([
      "src/cli/new.ts imports ../base/deep.js: a part imports another only through its index.ts, here src/base/index.ts",
    ]);
  });

  it("refuses a module outside the commands that imports one of them, or their index", () => {
    expect(
      violations({
        ...CLEAN,
        "src/gate/base.ts": 'import { a } from "./commands/a.js";',
        "src/gate/other.ts": 'import { commands } from "./commands/index.js";',
      }),
    ).toEqual([
      "src/gate/base.ts imports ./commands/a.js: only src/gate/cli-spec.ts imports src/gate/commands/, through its manifest",
      "src/gate/other.ts imports ./commands/index.js: only src/gate/cli-spec.ts imports src/gate/commands/, through its manifest",
    ]);
  });

  it("refuses a command that imports another command, and lets commands share what is no command", () => {
    expect(violations({ ...CLEAN, "src/gate/commands/b.ts": 'import { a } from "./a.js";' })).toEqual([
      "src/gate/commands/b.ts imports ./a.js: a command is a leaf, imported by src/gate/commands/index.ts and its manifest alone; move what it shares out of src/gate/commands/",
    ]);
  });

  it("fails on a folder under src/ without a row, and on a file outside any part", () => {
    expect(violations({ ...CLEAN, "src/newpart/index.ts": "", "src/loose.ts": "" })).toEqual([
      "src/loose.ts: not in a part's folder under src/",
      "src/newpart/: a part with no row in docs/architecture.md's import table",
    ]);
  });

  it("fails on a row naming a part that has no row", () => {
    const rules = readImportRules(RULES_DOC.replace("| `later` | `base` |", "| `later` | `comon` |"));
    expect(violations(CLEAN, rules)).toEqual([
      "docs/architecture.md: later may import comon, which has no row",
    ]);
  });

  it("fails on an exception whose import is gone, so its row goes too", () => {
    const { "src/cli/old.ts": _, ...fixed } = CLEAN;
    expect(violations(fixed)).toEqual([
      "docs/architecture.md: the exception src/cli/old.ts imports ../base/deep.js no longer occurs; remove its row",
    ]);
  });
});

describe("readImportRules", () => {
  it("reads nothing, everything and the parts named in backticks", () => {
    const rules = readImportRules(RULES_DOC);
    expect(rules.allowed.get("base")).toEqual(new Set());
    expect(rules.allowed.get("cli")).toEqual(new Set(["base"]));
    expect(rules.allowed.get("gate")).toBe("everything");
    expect(rules.exceptions).toEqual([{ file: "src/cli/old.ts", specifier: "../base/deep.js" }]);
  });

  it("refuses a cell it cannot read, and a document without the table", () => {
    expect(() => readImportRules(RULES_DOC.replace("| `base` | nothing |", "| `base` | none |"))).toThrow(
      /base may import "none"/,
    );
    expect(() => readImportRules("# no tables")).toThrow(/no table headed part \| may import/);
  });
});

describe("readImportRules without exceptions", () => {
  it("reads no exceptions from a document that has no table of them", () => {
    const [rulesOnly] = RULES_DOC.split("| file |");
    expect(readImportRules(rulesOnly ?? "").exceptions).toEqual([]);
  });
});
