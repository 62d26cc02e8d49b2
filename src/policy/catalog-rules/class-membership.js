/** Every file extension must land in exactly one class: one default class, no extension claimed twice. */
export const classMembership = {
  id: "class-membership",
  check(catalog) {
    const issues = [];
    const defaults = catalog.classes.filter((c) => c.default === true);
    if (defaults.length !== 1) {
      issues.push({
        rule: this.id,
        path: "$.classes",
        message: `exactly one class must be "default": true, found ${defaults.length}`,
      });
    }
    const owner = new Map();
    catalog.classes.forEach((cls, ci) => {
      cls.extensions.forEach((ext, ei) => {
        const other = owner.get(ext);
        if (other !== undefined) {
          issues.push({
            rule: this.id,
            path: `$.classes[${ci}].extensions[${ei}]`,
            message: `extension "${ext}" is already claimed by class "${other}"`,
          });
        }
        owner.set(ext, cls.name);
      });
    });
    return issues;
  },
};
