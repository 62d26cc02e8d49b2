/** Faults the twin injects on request, so clients can be tested against a failing API. Deterministic and counted. */
export type FaultKind =
  | { type: "status"; code: number }
  | { type: "delay"; ms: number }
  | { type: "reset" }
  | { type: "malformed_json" }
  | { type: "truncated_body" }
  | { type: "hang" };

export interface FaultRule {
  /** An HTTP method, or "*" for any. */
  method: string;
  /** An exact path, or a prefix ending in "*". */
  path: string;
  /** status(CODE), delay(MS), reset, malformed_json, truncated_body or hang. */
  kind: string;
  /** How many matching requests it affects. */
  times: number;
}

/**
 * The longest delay(MS), ten minutes: past any client's timeout, and far below the 2^31-1 ms a Node timer holds
 * (a longer one fires after 1 ms instead).
 */
export const MAX_FAULT_DELAY_MS = 600_000;

export const FAULT_KINDS = "status(CODE), delay(MS), reset, malformed_json, truncated_body or hang";

interface Armed {
  rule: FaultRule;
  kind: FaultKind;
  remaining: number;
  hits: number;
}

/** The fault a kind names, or why it names none, worded to follow the name of the field: "kind must be …". */
export function readFaultKind(text: string): FaultKind | { problem: string } {
  const call = /^(status|delay)\((\d+)\)$/.exec(text);
  if (call?.[1] === "status") {
    const code = Number(call[2]);
    // 1xx are interim answers: a client would wait on for the final one, so none is injected.
    if (code >= 200 && code <= 599) return { type: "status", code };
  }
  if (call?.[1] === "delay") {
    const digits = call[2] as string;
    if (Number(digits) <= MAX_FAULT_DELAY_MS) return { type: "delay", ms: Number(digits) };
    const given = digits.length > 20 ? `${digits.slice(0, 20)}…` : digits;
    return {
      problem: `must be a delay of at most ${MAX_FAULT_DELAY_MS} ms (10 minutes), got delay(${given})`,
    };
  }
  if (text === "reset" || text === "malformed_json" || text === "truncated_body" || text === "hang") {
    return { type: text };
  }
  return { problem: `must be ${FAULT_KINDS}` };
}

export function parseFaultKind(text: string): FaultKind | null {
  const kind = readFaultKind(text);
  return "type" in kind ? kind : null;
}

/** Checks one rule as sent over HTTP; returns the problem, or the rule with its defaults filled in. */
export function parseFaultRule(raw: unknown, index: number): FaultRule | string {
  const at = `rules[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return `${at} must be an object`;
  const { method = "*", path, kind, times = 1, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown) return `${at}: unknown field "${unknown}"`;
  if (typeof method !== "string" || method === "") return `${at}.method must be an HTTP method or "*"`;
  if (typeof path !== "string" || !path.startsWith("/")) return `${at}.path must be a path starting with "/"`;
  if (typeof kind !== "string") return `${at}.kind must be ${FAULT_KINDS}`;
  const read = readFaultKind(kind);
  if ("problem" in read) return `${at}.kind ${read.problem}`;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
    return `${at}.times must be a whole number >= 1`;
  return { method: method.toUpperCase(), path, kind, times };
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const methodOk = rule.method === "*" || rule.method === method;
  const pathOk = rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path;
  return methodOk && pathOk;
}

export class FaultBook {
  private armed: Armed[] = [];

  add(rules: FaultRule[]): void {
    for (const rule of rules) {
      const kind = parseFaultKind(rule.kind);
      if (kind) this.armed.push({ rule, kind, remaining: rule.times, hits: 0 });
    }
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault for this request, counted as used; null when none applies. */
  take(method: string, path: string): FaultKind | null {
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
