import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileSchema, compileSchemaFile, referencedSchema } from "../../src/common/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("schemas-test");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the shared schema cache", () => {
  it("compiles a schema once, keyed by its $id", () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const schema = { $id: "https://example.test/once.json", type: "integer" };
    const first = compileSchema(schema);
    const again = compileSchema({ ...schema });
    expect(again).toBe(first);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(first(3)).toBe(true);
    expect(first("3")).toBe(false);
  });

  it("keys a schema without $id by the key given, else by the object", () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const schema = { type: "string" };
    expect(compileSchema(schema, "k")).toBe(compileSchema({ type: "string" }, "k"));
    expect(compileSchema(schema)).toBe(compileSchema(schema));
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("reads and compiles a schema file once, and uses ajv-formats, strict mode and every error", () => {
    const file = join(mkdtempSync(join(scratch, "schema-")), "s.json");
    writeFileSync(
      file,
      JSON.stringify({
        type: "object",
        properties: { at: { type: "string", format: "date-time" }, n: { type: "integer" } },
      }),
    );
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const validate = compileSchemaFile(file);
    expect(compileSchemaFile(file)).toBe(validate);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(validate({ at: "2026-01-01T00:00:00Z", n: 1 })).toBe(true);
    expect(validate({ at: "yesterday", n: "x" })).toBe(false);
    expect(validate.errors).toHaveLength(2);
    expect(() => compileSchema({ type: "string", nonsense: true }, "strict")).toThrow(/unknown keyword/);
  });

  it("finds a schema inside a document by reference", () => {
    const doc = {
      $id: "https://example.test/doc.json",
      $defs: { Positive: { type: "number", exclusiveMinimum: 0 } },
    };
    const validate = referencedSchema(doc, `${doc.$id}#/$defs/Positive`);
    expect(validate?.(1)).toBe(true);
    expect(validate?.(0)).toBe(false);
    expect(referencedSchema(doc, `${doc.$id}#/$defs/Positive`)).toBe(validate);
  });
});
