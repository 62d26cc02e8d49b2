import type { components, operations, paths } from "./generated.js";

/** Types generated from contract/nemesis-api.openapi.json by `npm run contract:types`. Never edit by hand. */
export type { components, operations, paths };

type Schemas = components["schemas"];
export type ApiError = Schemas["Error"];
export type Status = Schemas["Status"];
export type ClassState = Schemas["ClassState"];
export type QueueState = Schemas["QueueState"];
export type OverrideView = Schemas["OverrideView"];
export type PresetCatalog = Schemas["PresetCatalog"];
export type SetPresetRequest = Schemas["SetPresetRequest"];
export type CreateOverrideRequest = Schemas["CreateOverrideRequest"];
export type ClearOverrideRequest = Schemas["ClearOverrideRequest"];
export type RevertRequest = Schemas["RevertRequest"];
export type MutationResult = Schemas["MutationResult"];
export type RevertResult = Schemas["RevertResult"];
export type HistoryEntry = Schemas["HistoryEntry"];
export type History = Schemas["History"];
export type Queues = Schemas["Queues"];
export type QueueTelemetry = Schemas["QueueTelemetry"];

export type SchemaName = keyof Schemas;
