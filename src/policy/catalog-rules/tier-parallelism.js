import { presetPath } from "./rule.js";
/** A higher tier never gets less parallelism than a lower one: baseline >= expensive, and so on down. */
export const tierParallelism = {
  id: "tier-parallelism-order",
  check(catalog) {
    const issues = [];
    catalog.presets.forEach((preset, pi) => {
      catalog.classes.forEach((lower, i) => {
        const higher = catalog.classes[i - 1];
        const hi = higher && preset.classes[higher.name];
        const lo = preset.classes[lower.name];
        if (higher && hi && lo && hi.parallelism < lo.parallelism) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "classes", higher.name, "parallelism"),
            message: `${higher.name} parallelism (${hi.parallelism}) is below ${lower.name} parallelism (${lo.parallelism})`,
          });
        }
      });
    });
    return issues;
  },
};
