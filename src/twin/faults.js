export function parseFaultKind(text) {
  const call = /^(status|delay)\((\d+)\)$/.exec(text);
  if (call?.[1] === "status") {
    const code = Number(call[2]);
    return code >= 100 && code <= 599 ? { type: "status", code } : null;
  }
  if (call?.[1] === "delay") return { type: "delay", ms: Number(call[2]) };
  if (text === "reset" || text === "malformed_json" || text === "truncated_body" || text === "hang") {
    return { type: text };
  }
  return null;
}
/** Checks one rule as sent over HTTP; returns the problem, or the rule with its defaults filled in. */
export function parseFaultRule(raw, index) {
  const at = `rules[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return `${at} must be an object`;
  const { method = "*", path, kind, times = 1, ...rest } = raw;
  const unknown = Object.keys(rest)[0];
  if (unknown) return `${at}: unknown field "${unknown}"`;
  if (typeof method !== "string" || method === "") return `${at}.method must be an HTTP method or "*"`;
  if (typeof path !== "string" || !path.startsWith("/")) return `${at}.path must be a path starting with "/"`;
  if (typeof kind !== "string" || !parseFaultKind(kind)) {
    return `${at}.kind must be status(CODE), delay(MS), reset, malformed_json, truncated_body or hang`;
  }
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
    return `${at}.times must be a whole number >= 1`;
  return { method: method.toUpperCase(), path, kind, times };
}
function matches(rule, method, path) {
  const methodOk = rule.method === "*" || rule.method === method;
  const pathOk = rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path;
  return methodOk && pathOk;
}
export class FaultBook {
  armed = [];
  add(rules) {
    for (const rule of rules) {
      const kind = parseFaultKind(rule.kind);
      if (kind) this.armed.push({ rule, kind, remaining: rule.times, hits: 0 });
    }
  }
  clear() {
    this.armed = [];
  }
  /** The first armed fault for this request, counted as used; null when none applies. */
  take(method, path) {
    const hit = this.armed.find((a) => a.remaining > 0 && matches(a.rule, method, path));
    if (!hit) return null;
    hit.remaining -= 1;
    hit.hits += 1;
    return hit.kind;
  }
  list() {
    return this.armed.map((a) => ({ ...a.rule, remaining: a.remaining, hits: a.hits }));
  }
}
