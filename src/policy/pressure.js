const RANK = { normal: 0, warning: 1, critical: 2 };
export const IDLE_TRACKER = { elevatedSince: null, latched: false, cooldownStartedAt: null };
export function severityOf(depth, warning, critical) {
  if (depth >= critical) return "critical";
  if (depth >= warning) return "warning";
  return "normal";
}
export function worstOf(severities) {
  return severities.reduce((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "normal");
}
/** The pressure level of a sample under a preset's thresholds: the worst queue decides. */
export function levelOf(preset, depths) {
  const severities = Object.entries(preset.queues).flatMap(([queue, t]) => {
    const depth = depths[queue];
    return depth === undefined ? [] : [severityOf(depth, t.warning, t.critical)];
  });
  return worstOf(severities);
}
/** Whether queue pressure keeps the policy active at `now`, from what the tracker remembered. */
export function pressureActive(tracker, preset, now) {
  if (tracker.cooldownStartedAt !== null) return now - tracker.cooldownStartedAt < preset.cooldown_seconds;
  if (tracker.latched) return true;
  return tracker.elevatedSince !== null && now - tracker.elevatedSince >= preset.sustained_seconds;
}
export function sustainedSeconds(tracker, now) {
  return tracker.elevatedSince === null ? 0 : Math.max(0, now - tracker.elevatedSince);
}
export function cooldownRemaining(tracker, preset, now) {
  if (tracker.cooldownStartedAt === null) return 0;
  return Math.max(0, preset.cooldown_seconds - (now - tracker.cooldownStartedAt));
}
/**
 * The tracker after a sample at level `level`. `wasActive` is whether the policy (fail-safe included) was in force
 * just before it: an active policy stays latched while pressure stays up, and starts its cooldown when it drops.
 */
export function nextTracker(tracker, level, wasActive, now) {
  if (level !== "normal") {
    return { elevatedSince: tracker.elevatedSince ?? now, latched: wasActive, cooldownStartedAt: null };
  }
  const cooldownStartedAt = wasActive ? (tracker.cooldownStartedAt ?? now) : null;
  return { elevatedSince: null, latched: false, cooldownStartedAt };
}
