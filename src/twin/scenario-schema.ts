/**
 * The twin scenario's JSON Schema, declared as data beside the defect names it lists. The build compiles it into
 * validators.generated.ts; nothing compiles it at run time.
 */
import { DEFECTS } from "./defects.js";

export const TELEMETRY_MODES = ["ok", "stale", "failing"] as const;
export type TelemetryMode = (typeof TELEMETRY_MODES)[number];

/** A scenario's timeline may span a year; a queue may hold a billion messages. Bounds keep the numbers exact. */
const MAX_SCENARIO_SECONDS = 366 * 86_400;
const MAX_QUEUE_DEPTH = 1_000_000_000;

export const SCENARIO_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://throughput-gate.dev/schema/twin-scenario.schema.json",
  type: "object",
  additionalProperties: false,
  required: ["name", "epoch", "telemetry"],
  properties: {
    $schema: { type: "string" },
    name: { type: "string", minLength: 1, maxLength: 100 },
    description: { type: "string" },
    epoch: { type: "string", format: "date-time" },
    base_preset: { type: "string" },
    sample_interval_seconds: { type: "integer", minimum: 1, maximum: 3600 },
    telemetry_mode: { enum: [...TELEMETRY_MODES] },
    telemetry: {
      type: "array",
      minItems: 1,
      maxItems: 10_000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["at", "depths"],
        properties: {
          at: { type: "integer", minimum: 0, maximum: MAX_SCENARIO_SECONDS },
          depths: {
            type: "object",
            additionalProperties: { type: "integer", minimum: 0, maximum: MAX_QUEUE_DEPTH },
          },
        },
      },
    },
    defects: { type: "array", uniqueItems: true, items: { enum: [...DEFECTS] } },
  },
} as const;
