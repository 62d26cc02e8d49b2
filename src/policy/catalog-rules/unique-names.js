function duplicates(kind, names, rule) {
  const seen = new Set();
  const issues = [];
  names.forEach((name, index) => {
    if (seen.has(name)) {
      issues.push({ rule, path: `$.${kind}[${index}].name`, message: `duplicate ${kind} name "${name}"` });
    }
    seen.add(name);
  });
  return issues;
}
export const uniquePresetNames = {
  id: "unique-preset-name",
  check: (catalog) =>
    duplicates(
      "presets",
      catalog.presets.map((p) => p.name),
      "unique-preset-name",
    ),
};
export const uniqueClassAndQueueNames = {
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
