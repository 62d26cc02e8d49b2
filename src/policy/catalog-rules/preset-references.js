const REFERENCES = ["default_preset", "known_good_preset", "fail_safe_preset"];
export const presetReferences = {
  id: "preset-references",
  check(catalog) {
    const names = catalog.presets.map((p) => p.name);
    const issues = [];
    for (const key of REFERENCES) {
      if (!names.includes(catalog[key])) {
        issues.push({
          rule: this.id,
          path: `$.${key}`,
          message: `${key} "${catalog[key]}" is not a preset (known: ${names.join(", ")})`,
        });
      }
    }
    return issues;
  },
};
