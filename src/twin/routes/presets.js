import { POLICY } from "./route.js";
export const getPresets = {
  method: "GET",
  path: `${POLICY}/presets`,
  handle({ model: { catalog } }) {
    const body = {
      workers: catalog.deployment.workers,
      default_preset: catalog.default_preset,
      known_good_preset: catalog.known_good_preset,
      fail_safe_preset: catalog.fail_safe_preset,
      max_override_ttl_seconds: catalog.max_override_ttl_seconds,
      telemetry_stale_after_seconds: catalog.telemetry_stale_after_seconds,
      classes: catalog.classes,
      queues: catalog.queues,
      presets: catalog.presets,
    };
    return { status: 200, body };
  },
};
