import { presetPath } from "./rule.js";
/** A preset must give limits for every class, and only for classes the catalog declares. */
export const presetClasses = {
  id: "preset-classes",
  check(catalog) {
    const known = catalog.classes.map((c) => c.name);
    const issues = [];
    catalog.presets.forEach((preset, pi) => {
      for (const name of Object.keys(preset.classes)) {
        if (!known.includes(name)) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "classes", name),
            message: `preset "${preset.name}" names unknown class "${name}" (known: ${known.join(", ")})`,
          });
        }
      }
      for (const name of known) {
        if (!(name in preset.classes)) {
          issues.push({
            rule: this.id,
            path: presetPath(pi, "classes"),
            message: `preset "${preset.name}" gives no limits for class "${name}"`,
          });
        }
      }
    });
    return issues;
  },
};
