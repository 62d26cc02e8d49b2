/** The throughput-policy endpoints, relative to the API base URL. */
export const STATUS = "/workflows/throughput-policy/status";
export const PRESETS = "/workflows/throughput-policy/presets";
export const PRESET = "/workflows/throughput-policy/preset";
export const OVERRIDES = "/workflows/throughput-policy/overrides";
export const CURRENT_OVERRIDE = "/workflows/throughput-policy/overrides/current";
export const REVERT = "/workflows/throughput-policy/revert";
export const HISTORY = "/workflows/throughput-policy/history";
