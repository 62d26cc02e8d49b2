/**
 * The six invariants of the throughput policy. This comment and docs/architecture.md ("Invariants") are where
 * they are stated; the checks below and gates/policy/invariants.model.ts cite them by number.
 *
 * 1. The expensive class's effective parallelism is never below its floor, and every floor is >= 1.
 * 2. The baseline class's parallelism is >= the expensive class's.
 * 3. An override is in effect iff created_at <= now < expires_at; after expiry the state equals the base
 *    preset's state exactly.
 * 4. revert returns the state to the known-good preset with no override; revert twice equals once.
 * 5. State changes only through the mutating endpoints: a read or a what-if changes nothing.
 * 6. Summary counts agree with the per-class and per-queue rows, and rows are sorted the same way every time.
 *
 * The dispatch rules the twin's simulation follows are stated next to them in docs/architecture.md.
 */
import type { Catalog, EpochSeconds, Override, PolicyStatus } from "./types.js";

/** A broken invariant: which one (1-6, stated at the top of this file) and what was seen. */
export interface InvariantViolation {
  invariant: number;
  message: string;
}

const violation = (invariant: number, message: string): InvariantViolation => ({ invariant, message });

/** 1: every floor is >= 1, and no class's parallelism is below its floor. */
export function checkFloors(status: PolicyStatus): InvariantViolation[] {
  return status.class_states.flatMap((c) =>
    c.minimum_floor < 1 || c.active_parallelism < c.minimum_floor
      ? [violation(1, `${c.class_name}: parallelism ${c.active_parallelism}, floor ${c.minimum_floor}`)]
      : [],
  );
}

/** 2: a higher tier never has less parallelism than a lower one (baseline >= expensive). */
export function checkTierOrder(status: PolicyStatus): InvariantViolation[] {
  return status.class_states.flatMap((c, i) => {
    const lower = status.class_states[i + 1];
    return lower && c.active_parallelism < lower.active_parallelism
      ? [
          violation(
            2,
            `${c.class_name} (${c.active_parallelism}) < ${lower.class_name} (${lower.active_parallelism})`,
          ),
        ]
      : [];
  });
}

/** 3: an override shows exactly while created_at <= now < expires_at. */
export function checkOverrideWindow(
  status: PolicyStatus,
  override: Override | null,
  now: EpochSeconds,
): InvariantViolation[] {
  const shouldShow = override !== null && override.createdAt <= now && now < override.expiresAt;
  const shows = status.override !== null && status.override.id === override?.id;
  if (shouldShow === shows && (shouldShow || status.override === null)) return [];
  return [
    violation(3, `override ${override?.id ?? "none"} shown=${shows} at ${now}, expected ${shouldShow}`),
  ];
}

function count(summary: string, pattern: RegExp): number {
  const match = pattern.exec(summary);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** 6: the summary's counts agree with the rows, and rows follow the catalog's order. */
export function checkSummaryAndOrder(catalog: Catalog, status: PolicyStatus): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const s = status.summary;
  const deferred = status.class_states.filter((c) => c.deferred_admission).length;
  if (
    count(s, /(\d+)\/\d+ classes deferred/) !== deferred ||
    count(s, /\d+\/(\d+) classes/) !== status.class_states.length
  ) {
    out.push(
      violation(
        6,
        `summary "${s}" disagrees with ${deferred}/${status.class_states.length} deferred classes`,
      ),
    );
  }
  if (count(s, /queues (\d+):/) !== status.queue_states.length) {
    out.push(violation(6, `summary "${s}" disagrees with ${status.queue_states.length} queue rows`));
  }
  for (const severity of ["critical", "warning", "normal", "unknown"]) {
    const rows = status.queue_states.filter((q) => q.severity === severity).length;
    if (count(s, new RegExp(`(\\d+) ${severity}\\b`)) !== rows) {
      out.push(violation(6, `summary "${s}" disagrees with ${rows} ${severity} queue rows`));
    }
  }
  const classOrder = status.class_states.map((c) => c.class_name).join(",");
  const queueOrder = status.queue_states.map((q) => q.queue).join(",");
  if (classOrder !== catalog.classes.map((c) => c.name).join(",")) {
    out.push(violation(6, `class rows out of tier order: ${classOrder}`));
  }
  if (queueOrder !== catalog.queues.map((q) => q.name).join(",")) {
    out.push(violation(6, `queue rows out of catalog order: ${queueOrder}`));
  }
  return out;
}

/** Invariants 1, 2, 3 and 6, which a single status can show. 4 and 5 compare states across operations. */
export function checkStatusInvariants(
  catalog: Catalog,
  status: PolicyStatus,
  override: Override | null,
  now: EpochSeconds,
): InvariantViolation[] {
  return [
    ...checkFloors(status),
    ...checkTierOrder(status),
    ...checkOverrideWindow(status, override, now),
    ...checkSummaryAndOrder(catalog, status),
  ];
}
