import { presetPath } from "./rule.js";
export const warningBelowCritical = {
  id: "warning-below-critical",
  check(catalog) {
    const issues = [];
    catalog.presets.forEach((preset, pi) => {
      for (const [queue, t] of Object.entries(preset.queues)) {
        if (t.warning >= t.critical) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "queues", queue),
            message: `warning (${t.warning}) must be below critical (${t.critical})`,
          });
        }
      }
    });
    return issues;
  },
};
