import type { CatalogIssue, CatalogRule } from "./rule.js";

function duplicates(kind: string, names: string[], rule: string): CatalogIssue[] {
  const seen = new Set<string>();
  const issues: CatalogIssue[] = [];
  names.forEach((name, index) => {
    if (seen.has(name)) {
      issues.push({ rule, path: `$.${kind}[${index}].name`, message: `duplicate ${kind} name "${name}"` });
    }
    seen.add(name);
  });
  return issues;
}

export const uniquePresetNames: CatalogRule = {
  id: "unique-preset-name",
  check: (catalog) =>
    duplicates(
      "presets",
      catalog.presets.map((p) => p.name),
      "unique-preset-name",
    ),
};

export const uniqueClassAndQueueNames: CatalogRule = {
  id: "unique-class-and-queue-name",
  check: (catalog) => [
    ...duplicates(
      "classes",
      catalog.classes.map((c) => c.name),
      "unique-class-and-queue-name",
    ),
    ...duplicates(
      "queues",
      catalog.queues.map((q) => q.name),
      "unique-class-and-queue-name",
    ),
  ],
};
