/**
 * DURATION: 90s, 15m, 2h, 1h30m or 1h30m15s. A bare number means minutes, as the earlier client read it.
 * Returns whole seconds, or an error message naming the problem.
 */
export function parseDuration(text) {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return positive(Number(trimmed) * 60, text);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(trimmed);
  if (!match || trimmed === "") {
    return `"${text}" is not a duration; use 90s, 15m, 2h or 1h30m (a bare number means minutes)`;
  }
  const [, h = "0", m = "0", s = "0"] = match;
  return positive(Number(h) * 3600 + Number(m) * 60 + Number(s), text);
}
function positive(seconds, text) {
  return seconds > 0 ? seconds : `duration "${text}" must be longer than zero`;
}
/** 3725 → "1h2m5s"; 1200 → "20m"; 0 → "0s". */
export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.round(totalSeconds));
  const parts = [];
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (rest || parts.length === 0) parts.push(`${rest}s`);
  return parts.join("");
}
