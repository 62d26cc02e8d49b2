import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BUNDLE_SCHEMA_PATH,
  type Bundle,
  type BundleCheck,
  type BundleStep,
  bundleSchemaProblems,
  bundleSteps,
  type InputDigest,
  type LiveTarget,
  type StepResult,
  sealBundle,
} from "../../src/evidence/index.js";

/**
 * Each key of T, marked required or optional as T declares it. An object literal that `satisfies` this must list
 * exactly T's keys with the right marks, so a change to the type breaks the build until the table below follows.
 */
type KeyTable<T> = { [K in keyof T]-?: object extends Pick<T, K> ? "optional" : "required" };

type Deterministic = Bundle["deterministic"];

/** The Bundle type's keys at each object of the schema, by the schema's own path to that object. */
const TYPE_KEYS: Record<string, Record<string, "required" | "optional">> = {
  properties: {
    $schema: "required",
    bundle_format: "required",
    created_at: "required",
    deterministic: "required",
    determinism: "required",
    measured: "required",
  } satisfies KeyTable<Bundle>,
  "properties.deterministic.properties": {
    gate: "required",
    inputs: "required",
    steps: "required",
    verdict: "required",
  } satisfies KeyTable<Deterministic>,
  "properties.deterministic.properties.gate.properties": {
    name: "required",
    config: "required",
    mode: "required",
    quick: "required",
    only: "required",
    candidate: "optional",
    baseline: "optional",
    live: "optional",
    shard: "optional",
  } satisfies KeyTable<Deterministic["gate"]>,
  "properties.deterministic.properties.gate.properties.candidate.properties": {
    commit: "required",
    dirty: "required",
    change: "required",
  } satisfies KeyTable<NonNullable<Deterministic["gate"]["candidate"]>>,
  "properties.deterministic.properties.gate.properties.baseline.properties": {
    ref: "required",
    commit: "required",
    same_tree: "required",
  } satisfies KeyTable<NonNullable<Deterministic["gate"]["baseline"]>>,
  "properties.deterministic.properties.gate.properties.live.properties": {
    url: "required",
    role: "required",
  } satisfies KeyTable<LiveTarget>,
  "properties.deterministic.properties.gate.properties.shard.properties": {
    index: "required",
    count: "required",
    units: "required",
    parts_sha256: "required",
  } satisfies KeyTable<NonNullable<Deterministic["gate"]["shard"]>>,
  "properties.deterministic.properties.inputs.items.properties": {
    name: "required",
    kind: "required",
    digest: "required",
  } satisfies KeyTable<InputDigest>,
  "properties.deterministic.properties.verdict.properties": {
    result: "required",
    exit_code: "required",
    reasons: "required",
    kpis_improved: "required",
    triggers_fired: "required",
  } satisfies KeyTable<Deterministic["verdict"]>,
  "properties.determinism.properties": {
    algorithm: "required",
    digest: "required",
    sections: "required",
  } satisfies KeyTable<Bundle["determinism"]>,
  "properties.measured.properties": {
    environment: "required",
    timings_ms: "required",
    steps: "required",
  } satisfies KeyTable<Bundle["measured"]>,
  "$defs.step.properties": {
    status: "required",
    summary: "required",
    checks: "required",
    result: "required",
  } satisfies KeyTable<BundleStep>,
  "$defs.step.properties.checks.items.properties": {
    name: "required",
    pass: "required",
    message: "required",
    file: "optional",
    line: "optional",
  } satisfies KeyTable<BundleCheck>,
};

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

const schema = JSON.parse(readFileSync(BUNDLE_SCHEMA_PATH, "utf8")) as Record<string, unknown>;

/** The object schema that holds `properties` at a dotted path such as properties.deterministic.properties. */
function objectAt(path: string): ObjectSchema {
  const parts = path.split(".").slice(0, -1);
  return parts.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, schema);
}

describe("the Bundle type and bundle.schema.json", () => {
  it.each(Object.entries(TYPE_KEYS))("declare the same keys at %s", (path, keys) => {
    const object = objectAt(path);
    expect(Object.keys(object.properties ?? {}).sort()).toEqual(Object.keys(keys).sort());
    const required = Object.entries(keys).filter(([, mark]) => mark === "required");
    expect([...(object.required ?? [])].sort()).toEqual(required.map(([key]) => key).sort());
  });

  it("covers every object of the schema that lists its properties", () => {
    const paths: string[] = [];
    const walk = (node: unknown, path: string[]) => {
      if (!node || typeof node !== "object") return;
      for (const [key, child] of Object.entries(node)) {
        if (key === "properties") paths.push([...path, key].join("."));
        walk(child, [...path, key]);
      }
    };
    walk(schema, []);
    expect(paths.sort()).toEqual(Object.keys(TYPE_KEYS).sort());
  });

  it("accepts a bundle built from typed step results", () => {
    const docs: StepResult<{ findings: string[] }, Record<never, never>> = {
      status: "fail",
      summary: "1 finding(s)",
      checks: [{ name: "heading", pass: false, message: "missing", file: "docs/runbook.md", line: 3 }],
      deterministic: { findings: ["missing"] },
      measured: {},
    };
    const { steps, measured } = bundleSteps({ docs }, ["docs"]);
    const bundle = sealBundle({
      $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
      bundle_format: "throughput-gate-bundle@1",
      created_at: "2026-01-01T00:00:00Z",
      deterministic: {
        gate: { name: "test", config: "gates/gate.config.json", mode: "twin", quick: true, only: "docs" },
        inputs: [{ name: "gates/gate.config.json", kind: "file", digest: "0".repeat(64) }],
        steps,
        verdict: {
          result: "fail",
          exit_code: 1,
          reasons: ["docs failed: 1 finding(s)"],
          kpis_improved: [],
          triggers_fired: [],
        },
      },
      measured: { environment: {}, timings_ms: { docs: 1 }, steps: measured },
    });
    expect(bundleSchemaProblems(bundle)).toEqual([]);
  });
});
