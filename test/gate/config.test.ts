import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadGateConfig, mergeConfig } from "../../src/gate/config.js";
import { DEFECTS } from "../../src/twin/index.js";
import { tempDir } from "../temp-dir.js";

const BASE = resolve("gates/gate.config.json");
const base = () => JSON.parse(readFileSync(BASE, "utf8"));

/** Writes each named config into a fresh folder; returns the path of the first. */
const root = tempDir("gate-config");

function configs(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(root, "case-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  return join(dir, Object.keys(files)[0] ?? "");
}

const failure = (file: string): ConfigError => {
  try {
    loadGateConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`${file} loaded`);
};

describe("gate config: extends", () => {
  it("a config without extends is read as it is", () => {
    expect(loadGateConfig(BASE)).toEqual(base());
  });

  it("merges objects key by key over the base, relative to the extending file", () => {
    const file = configs({
      "child.json": {
        extends: "base.json",
        name: "child",
        target: { defects: ["override_never_expires"] },
        benchmark: { baseline_ref: "main" },
      },
      "base.json": base(),
    });
    const config = loadGateConfig(file);
    expect(config.name).toBe("child");
    expect(config.target).toEqual({ kind: "twin", defects: ["override_never_expires"] });
    expect(config.benchmark).toEqual({ ...base().benchmark, baseline_ref: "main" });
    expect(config.kpis).toEqual(base().kpis);
    expect(config).not.toHaveProperty("extends");
  });

  it("arrays and scalars replace; null removes a key", () => {
    const file = configs({
      "child.json": {
        extends: "base.json",
        profiles: ["fixtures/profiles/idle.json", "fixtures/profiles/steady-mixed.json"],
        candidate: { preset: "conservative", ttl_seconds: null },
      },
      "base.json": base(),
    });
    const config = loadGateConfig(file);
    expect(config.profiles).toEqual(["fixtures/profiles/idle.json", "fixtures/profiles/steady-mixed.json"]);
    expect(config.candidate).toEqual({ preset: "conservative", reason: base().candidate.reason });
  });

  it("follows a chain, nearest file last", () => {
    const file = configs({
      "c.json": { extends: "b.json", name: "c" },
      "b.json": { extends: "a.json", name: "b", base_preset: "conservative" },
      "a.json": base(),
    });
    const config = loadGateConfig(file);
    expect([config.name, config.base_preset, config.catalog]).toEqual(["c", "conservative", base().catalog]);
  });

  it("keeps the paths inside a config relative to the working directory, not to the config", () => {
    const file = configs({ "child.json": { extends: BASE, catalog: "gates/policy/catalog.json" } });
    expect(loadGateConfig(file).catalog).toBe("gates/policy/catalog.json");
  });

  it("a missing base is a ConfigError naming the base and the file that extends it", () => {
    const file = configs({ "child.json": { extends: "absent.json", name: "child" } });
    const err = failure(file);
    expect(err.message).toBe(
      `${join(file, "..", "absent.json")}: cannot read the gate config that ${file} extends (ENOENT)`,
    );
  });

  it("a base that is not JSON is a ConfigError naming it", () => {
    const file = configs({ "child.json": { extends: "broken.json" } });
    writeFileSync(join(file, "..", "broken.json"), "{");
    expect(failure(file).message).toMatch(
      /broken\.json: the gate config that .*child\.json extends is not valid JSON/,
    );
  });

  it("refuses a cycle, naming every file in it", () => {
    const file = configs({
      "a.json": { extends: "b.json" },
      "b.json": { extends: "./a.json" },
    });
    expect(failure(file).message).toMatch(
      /b\.json: \/extends makes a cycle: .*a\.json → .*b\.json → .*a\.json$/,
    );
    const self = configs({ "self.json": { extends: "self.json" } });
    expect(failure(self).message).toMatch(/self\.json: \/extends makes a cycle/);
  });

  it("validates the merged config, and names the extending file", () => {
    const tooShort = configs({ "child.json": { extends: BASE, candidate: { ttl_seconds: 0 } } });
    expect(failure(tooShort).message).toBe(`${tooShort}: /candidate/ttl_seconds must be >= 1`);
    const noKpis = configs({ "child.json": { extends: BASE, kpis: null } });
    expect(failure(noKpis).message).toBe(`${noKpis}: / must have required property 'kpis'`);
    const unknown = configs({ "child.json": { extends: BASE, benchmark: { colour: "red" } } });
    expect(failure(unknown).message).toBe(
      `${unknown}: /benchmark must NOT have additional properties "colour"`,
    );
    const notAPath = configs({ "child.json": { extends: 3 } });
    expect(failure(notAPath).message).toBe(`${notAPath}: /extends must be the path of another gate config`);
  });

  it("refuses a chain of more than 16 configs, naming the bound and the file", () => {
    const files: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++) files[`c${i}.json`] = { extends: `c${i + 1}.json` };
    files["c20.json"] = base();
    const file = configs(files);
    expect(failure(file).message).toMatch(
      /c15\.json: \/extends goes more than 16 configs deep \(the limit\), starting from .*c0\.json$/,
    );
    const sixteen: Record<string, unknown> = {};
    for (let i = 0; i < 15; i++) sixteen[`c${i}.json`] = { extends: `c${i + 1}.json`, name: `c${i}` };
    sixteen["c15.json"] = base();
    expect(loadGateConfig(configs(sixteen)).name).toBe("c0");
  });

  it("refuses a config nested deeper than 64 levels, naming the bound and the file", () => {
    const deep = configs({ "child.json": { extends: BASE } });
    writeFileSync(
      deep,
      `{"extends": ${JSON.stringify(BASE)}, "x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    );
    expect(failure(deep).message).toMatch(
      /child\.json: objects and arrays nest deeper than 64 levels \(the limit\), under \/x\/0\/0/,
    );
    let nested: unknown = 1;
    for (let i = 0; i < 63; i++) nested = { a: nested };
    const fits = configs({ "child.json": { extends: BASE, x: nested } });
    expect(failure(fits).message).toBe(`${fits}: / must NOT have additional properties "x"`);
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses the key %s anywhere in a config", (key) => {
    const patch = `{"extends": ${JSON.stringify(BASE)}, "target": {"${key}": {"kind": "api", "url": "http://live.invalid"}}}`;
    const file = configs({ "child.json": {} });
    writeFileSync(file, patch);
    expect(failure(file).message).toBe(
      `${file}: /target/${key}: the key "${key}" is not allowed in a gate config`,
    );
  });

  it("merges into objects with own properties only", () => {
    const merged = mergeConfig({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}, "b": 2}')) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(["a", "__proto__", "b"]);
  });

  it("never quotes a base that is not JSON, only where it breaks", () => {
    const file = configs({ "child.json": { extends: "secret.txt" } });
    writeFileSync(join(file, "..", "secret.txt"), "root:$6$SECRET-HASH-1234:19000:0:99999:7:::\n");
    const message = failure(file).message;
    expect(message).toMatch(
      /secret\.txt: the gate config that .*child\.json extends is not valid JSON: unexpected character at line 1, column 1$/,
    );
    expect(message).not.toMatch(/SECRET|root:/);
  });

  it("every gate fixture extends the default config, directly or through replay.json, and differs only in what it names", () => {
    const dir = "fixtures/gate";
    const gateConfigs = readdirSync(dir).filter(
      (f) => JSON.parse(readFileSync(join(dir, f), "utf8")).extends,
    );
    expect(gateConfigs).toHaveLength(12);
    for (const name of gateConfigs) {
      const file = join(dir, name);
      const { extends: parent, ...patch } = JSON.parse(readFileSync(file, "utf8"));
      const extended = loadGateConfig(join(dir, parent));
      expect(loadGateConfig(file)).toEqual(mergeConfig(extended, patch));
      expect(loadGateConfig(file).name).toBe(name.replace(/\.json$/, ""));
    }
  });
});

describe("gate config schema", () => {
  it("lets target.defects name exactly the twin's defect switches", () => {
    const schema = JSON.parse(readFileSync("gates/gate.config.schema.json", "utf8"));
    expect(schema.properties.target.properties.defects.items.enum).toEqual([...DEFECTS]);
  });
});
