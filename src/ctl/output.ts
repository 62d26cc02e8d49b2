import { isJsonObject } from "../common/json-file.js";
import { table as plainTable } from "../common/table.js";
import { escapeForTerminal } from "../common/terminal.js";
import type { ClassState, PresetCatalog, QueueState, Status } from "../contract/index.js";
import { formatDuration } from "./duration.js";
import type { Output } from "./spec.js";

/** Everything the CLI prints fits in this many columns. */
export const WIDTH = 100;

const COLORS = { red: 31, yellow: 33, green: 32, bold: 1, dim: 2 } as const;

export function paint(out: Output, color: keyof typeof COLORS, text: string): string {
  return out.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
}

/**
 * A copy of an API answer with every string made inert for a terminal (see escapeForTerminal), for the human
 * views only: --json prints the answer exactly.
 */
export function terminalSafe<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return escapeForTerminal(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [escapeForTerminal(k), walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** JSON with keys sorted at every level, so the same answer always prints the same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortedKeys(value), null, 2)}\n`;
}

/** One line of stableJson, for NDJSON: a stream of documents a reader splits on newlines. */
export function compactJson(value: unknown): string {
  return `${JSON.stringify(sortedKeys(value))}\n`;
}

function sortedKeys(value: unknown): unknown {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (isJsonObject(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort(v[k])]),
      );
    }
    return v;
  };
  return sort(value);
}

/** Wraps between "; " clauses where it can, else between words, so no line passes WIDTH. */
export function wrap(text: string, width = WIDTH): string {
  const lines: string[] = [];
  let line = "";
  const push = (piece: string, joiner: string) => {
    const candidate = line === "" ? piece : `${line}${joiner}${piece}`;
    if (candidate.length <= width) line = candidate;
    else if (line !== "" && piece.length <= width) {
      lines.push(line + joiner.trimEnd());
      line = piece;
    } else {
      for (const word of piece.split(" ")) {
        const next = line === "" ? word : `${line} ${word}`;
        if (next.length > width && line !== "") {
          lines.push(line);
          line = word;
        } else line = next;
      }
    }
  };
  for (const [i, clause] of text.split("; ").entries()) push(clause, i === 0 ? "" : "; ");
  if (line) lines.push(line);
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l)).join("\n");
}

/** A plain-text table. The last column is cut with … so each row fits WIDTH. */
export function table(headers: string[], rows: string[][], width = WIDTH): string {
  return plainTable(headers, rows, width);
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

export function classTable(classes: ClassState[]): string {
  return table(
    ["CLASS", "PARALLELISM", "FLOOR", "DEFERRED", "SOURCE", "REASON"],
    classes.map((c) => [
      c.class_name,
      String(c.active_parallelism),
      String(c.minimum_floor),
      yesNo(c.deferred_admission),
      c.source,
      c.reason,
    ]),
  );
}

export function queueTable(out: Output, queues: QueueState[]): string {
  const tint = (s: string) =>
    s === "critical" ? "red" : s === "warning" ? "yellow" : s === "unknown" ? "bold" : "green";
  const text = table(
    ["QUEUE", "QUEUED", "WARN", "CRIT", "SEVERITY"],
    queues.map((q) => [
      q.queue,
      q.queued_messages === null ? "-" : String(q.queued_messages),
      String(q.warning_threshold),
      String(q.critical_threshold),
      q.severity,
    ]),
  );
  if (!out.color) return text;
  return text
    .split("\n")
    .map((line, i) => {
      const severity = i === 0 ? undefined : queues[i - 1]?.severity;
      return severity ? line.replace(new RegExp(`${severity}$`), paint(out, tint(severity), severity)) : line;
    })
    .join("\n");
}

export function overrideLine(status: Status): string {
  const o = status.override;
  if (!o) return `override: none (base preset ${status.base_preset})`;
  return wrap(
    `override: ${o.preset}, ${formatDuration(o.remaining_seconds)} left (until ${o.expires_at}), by ${o.actor}, reason: ${o.reason}`,
  );
}

/** The human status view: summary, classes, queues, override, and fail-safe when it is on. */
export function renderStatus(out: Output, status: Status): string {
  const parts = [
    wrap(status.summary),
    "",
    classTable(status.class_states),
    "",
    queueTable(out, status.queue_states),
    "",
    overrideLine(status),
  ];
  if (status.fail_safe)
    parts.push(paint(out, "red", wrap(`fail-safe: ON, ${status.fail_safe_reason ?? "no reason given"}`)));
  return `${parts.join("\n")}\n`;
}

/** Per-class before → after, for --dry-run and revert. */
export function classChanges(before: Status, after: Status): string {
  const rows = after.class_states.map((a) => {
    const b = before.class_states.find((c) => c.class_name === a.class_name);
    const arrow = (x: number | undefined, y: number) => (x === y ? String(y) : `${x ?? "-"} → ${y}`);
    return [
      a.class_name,
      arrow(b?.active_parallelism, a.active_parallelism),
      arrow(b?.minimum_floor, a.minimum_floor),
      `${b?.source ?? "-"} → ${a.source}`,
    ];
  });
  return table(["CLASS", "PARALLELISM", "FLOOR", "SOURCE"], rows);
}

/** Two tables: limits per class, then warning/critical thresholds per queue. */
export function presetTables(catalog: PresetCatalog): string {
  const limits = catalog.presets.map((p) => {
    const marks = [
      p.name === catalog.known_good_preset ? "known-good" : "",
      p.name === catalog.default_preset ? "default" : "",
    ]
      .filter(Boolean)
      .join(", ");
    const perClass = catalog.classes.map((c) => {
      const l = Object.hasOwn(p.classes, c.name) ? p.classes[c.name] : undefined;
      return l ? `${l.parallelism}/${l.floor}` : "-";
    });
    return [
      p.name,
      ...perClass,
      `${p.sustained_seconds}s/${p.cooldown_seconds}s`,
      String(p.baseline_headroom),
      marks,
    ];
  });
  const thresholds = catalog.presets.map((p) => [
    p.name,
    ...catalog.queues.map((q) => {
      const t = Object.hasOwn(p.queues, q.name) ? p.queues[q.name] : undefined;
      return t ? `${t.warning}/${t.critical}` : "-";
    }),
  ]);
  return [
    `class limits as parallelism/floor; window as sustained/cooldown; ${catalog.workers} workers`,
    table(
      ["PRESET", ...catalog.classes.map((c) => c.name.toUpperCase()), "WINDOW", "HEADROOM", "NOTE"],
      limits,
    ),
    "",
    "queue thresholds as warning/critical",
    table(["PRESET", ...catalog.queues.map((q) => q.name.toUpperCase())], thresholds),
  ].join("\n");
}
