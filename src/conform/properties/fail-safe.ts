import type { Status } from "../../contract/index.js";
import type { Catalog } from "../../policy/index.js";
import { invariantProblems } from "../checks.js";
import type { Session } from "../session.js";
import type { Property } from "./property.js";

/** What fail-safe looks like in a status: the fail-safe preset's limits, and pressure unknown, never normal. */
export function failSafeProblems(catalog: Catalog, status: Status, when: string): string[] {
  const out: string[] = [];
  if (!status.fail_safe || !status.telemetry_stale)
    out.push(`${when}: fail_safe=${status.fail_safe}, telemetry_stale=${status.telemetry_stale}`);
  if (status.queue_pressure_level !== "unknown")
    out.push(`${when}: queue_pressure_level reads ${status.queue_pressure_level}, not unknown`);
  if (status.active_preset !== catalog.fail_safe_preset)
    out.push(`${when}: active_preset ${status.active_preset}, not ${catalog.fail_safe_preset}`);
  if (!status.policy_active) out.push(`${when}: the policy is inactive under fail-safe`);
  const normal = status.queue_states.find((q) => q.severity !== "unknown");
  if (normal) out.push(`${when}: queue ${normal.queue} reads ${normal.severity}, not unknown`);
  const free = status.class_states.find((c) => c.source !== "fail_safe");
  if (free) out.push(`${when}: class ${free.class_name} takes its limits from ${free.source}, not fail_safe`);
  return out;
}

async function checkFailSafe(s: Session, when: string): Promise<void> {
  const { status } = await s.status();
  s.check(failSafeProblems(s.catalog, status, when));
  s.check(invariantProblems(s.catalog, status, null, s.now, when));
}

async function checkRecovered(s: Session): Promise<void> {
  await s.telemetry("ok");
  const { status } = await s.status();
  if (status.fail_safe)
    s.check([`with telemetry back the status still reads fail-safe (${status.fail_safe_reason})`]);
  s.check(invariantProblems(s.catalog, status, null, s.now, "after recovery"));
}

export const failSafeOnStaleTelemetry: Property = {
  name: "fail-safe-on-stale-telemetry",
  catches: "old telemetry trusted past the catalog's telemetry_stale_after_seconds instead of fail-safe",
  needs: "twin-controls",
  async run({ session: s }) {
    await s.start();
    const { status } = await s.status();
    if (status.fail_safe)
      s.check([`with fresh telemetry the status reads fail-safe (${status.fail_safe_reason})`]);
    await s.telemetry("stale");
    await s.advance(s.catalog.telemetry_stale_after_seconds + 1);
    await checkFailSafe(s, `${s.catalog.telemetry_stale_after_seconds + 1}s without a sample`);
    await checkRecovered(s);
    return { sequences: 1 };
  },
};

export const failSafeOnFailingTelemetry: Property = {
  name: "fail-safe-on-failing-telemetry",
  catches:
    "a failing telemetry source read as quiet queues (normal) instead of fail-safe, or a lower tier starved under it",
  needs: "twin-controls",
  async run({ session: s }) {
    await s.start();
    await s.telemetry("failing");
    await checkFailSafe(s, "telemetry failing");
    const queues = await s.send("GET", "/queues");
    s.expectStatus(queues, 503, "GET /queues while telemetry fails");
    await s.advance(30);
    await checkFailSafe(s, "telemetry failing for 30s");
    await checkRecovered(s);
    return { sequences: 1 };
  },
};
