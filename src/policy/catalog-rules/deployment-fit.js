import { presetPath } from "./rule.js";
/**
 * A preset is valid for a deployment of W workers only if every floor <= parallelism <= W, the floors of the
 * lower tiers plus the first tier's reservation fit in W, and the baseline headroom leaves something to borrow.
 */
export const deploymentFit = {
  id: "deployment-fit",
  check(catalog) {
    const w = catalog.deployment.workers;
    const issues = [];
    const [first, ...lower] = catalog.classes;
    catalog.presets.forEach((preset, pi) => {
      const at = (...rest) => presetPath(pi, ...rest);
      for (const cls of catalog.classes) {
        const limits = preset.classes[cls.name];
        if (!limits) continue;
        if (limits.floor > limits.parallelism) {
          issues.push({
            rule: this.id,
            path: at("classes", cls.name, "floor"),
            message: `${cls.name} floor (${limits.floor}) exceeds its parallelism (${limits.parallelism})`,
          });
        }
        if (limits.parallelism > w) {
          issues.push({
            rule: this.id,
            path: at("classes", cls.name, "parallelism"),
            message: `${cls.name} parallelism (${limits.parallelism}) exceeds the ${w} workers of the deployment`,
          });
        }
      }
      const reservation = first ? (preset.classes[first.name]?.parallelism ?? 0) : 0;
      const floors = lower.reduce((sum, cls) => sum + (preset.classes[cls.name]?.floor ?? 0), 0);
      if (reservation + floors > w) {
        issues.push({
          rule: this.id,
          path: at("classes"),
          message: `${first?.name} parallelism (${reservation}) plus lower-tier floors (${floors}) exceeds the ${w} workers`,
        });
      }
      if (preset.baseline_headroom >= w) {
        issues.push({
          rule: this.id,
          path: at("baseline_headroom"),
          message: `baseline_headroom (${preset.baseline_headroom}) must be below the ${w} workers`,
        });
      }
    });
    return issues;
  },
};
