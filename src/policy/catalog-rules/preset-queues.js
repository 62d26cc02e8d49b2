import { presetPath } from "./rule.js";
/** A preset must give thresholds for every queue, and only for queues the catalog declares. */
export const presetQueues = {
  id: "preset-queues",
  check(catalog) {
    const known = catalog.queues.map((q) => q.name);
    const issues = [];
    catalog.presets.forEach((preset, pi) => {
      for (const name of Object.keys(preset.queues)) {
        if (!known.includes(name)) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "queues", name),
            message: `preset "${preset.name}" names unknown queue "${name}" (known: ${known.join(", ")})`,
          });
        }
      }
      for (const name of known) {
        if (!(name in preset.queues)) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "queues"),
            message: `preset "${preset.name}" gives no thresholds for queue "${name}"`,
          });
        }
      }
    });
    return issues;
  },
};
