import { escapeXml as esc } from "../escape.js";
import type { Snapshots } from "../reported-steps.js";
import { changedFields, snapshotFields } from "../snapshot-diff.js";
import { type Cell, htmlTable } from "./table.js";

const MOMENTS: readonly [keyof Snapshots, string][] = [
  ["before", "before"],
  ["during", "during"],
  ["after_expiry", "after expiry"],
  ["after_revert", "after revert"],
];

const wasTaken = (snapshots: Snapshots, key: keyof Snapshots) =>
  snapshots[key] !== null && snapshots[key] !== undefined;

/** The snapshots that were taken, in order, each with its fields. */
function taken(snapshots: Snapshots) {
  return MOMENTS.filter(([key]) => wasTaken(snapshots, key)).map(([key, label]) => ({
    label,
    doc: snapshots[key],
    fields: snapshotFields(snapshots[key]),
  }));
}

/**
 * The status snapshots side by side, as the fields that changed at some point: a value that differs from the
 * snapshot before it is marked. Then what changed at each step, and each snapshot in full.
 */
export function snapshotSection(snapshots: Snapshots): string {
  const moments = taken(snapshots);
  const steps = moments.slice(1).map((to, i) => {
    const from = moments[i] ?? to;
    return { from, to, changed: changedFields(from.fields, to.fields) };
  });
  const fields = [...new Set(steps.flatMap((s) => s.changed))];
  const rows = fields.map((field): Cell[] => [
    field,
    ...moments.map((m, i): Cell => {
      const value = m.fields.get(field) ?? "(absent)";
      const changed = i > 0 && steps[i - 1]?.changed.includes(field);
      return changed ? { text: value, className: "changed" } : value;
    }),
  ]);
  const sideBySide = htmlTable("snapshots", ["field", ...moments.map((m) => m.label)], rows);
  const changes = htmlTable(
    "snapshot-changes",
    ["from", "to", "fields changed"],
    steps.map((s) => [s.from.label, s.to.label, s.changed.length ? s.changed.join(", ") : "none"]),
  );
  const full = moments
    .map(
      (m) =>
        `<details><summary>${esc(m.label)}</summary><pre>${esc(JSON.stringify(m.doc, null, 2))}</pre></details>`,
    )
    .join("");
  const notTaken = MOMENTS.filter(([key]) => !wasTaken(snapshots, key));
  const note = notTaken.length
    ? `<p>Not taken: ${esc(notTaken.map(([, label]) => label).join(", "))}.</p>`
    : "";
  return `${sideBySide}${note}<h3>What changed between snapshots</h3>${changes}<h3>Each snapshot in full</h3>${full}`;
}
