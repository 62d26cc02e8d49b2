/**
 * The verdict rule, the same for every tool: a target is caught when the tool reports at least one violation that
 * our traffic did not provoke on purpose. A request that breaks the contract by design (no credentials, a TTL that
 * is not an integer) is expected to be flagged on every target, the healthy one too, so it never counts.
 *
 * Each tool's raw output is turned into violations here, by pure functions the tests feed with recorded output.
 */

export type ViolationSide = "request" | "response";

export interface Violation {
  side: ViolationSide;
  /** The traffic step, test name or property the tool reported on. */
  where: string;
  message: string;
  /** Provoked on purpose by a request the traffic sends against the contract; never counts. */
  expected: boolean;
}

export interface Verdict {
  caught: boolean;
  /** The first counted violation, on one line; null when nothing counted. */
  first: string | null;
  counted: number;
  expected: number;
}

const oneLine = (text: string, max = 200): string => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function verdictOf(violations: readonly Violation[]): Verdict {
  const counted = violations.filter((v) => !v.expected);
  const first = counted[0];
  return {
    caught: counted.length > 0,
    first: first ? oneLine(`${first.where}: ${first.side} ${first.message}`) : null,
    counted: counted.length,
    expected: violations.length - counted.length,
  };
}

/** What a proxy-style tool saw of one traffic step: the answer it gave the client. */
export interface ProxiedExchange {
  step: string;
  /** The step sends a request that breaks the contract on purpose. */
  breaksContract: boolean;
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface PrismValidation {
  location?: unknown;
  severity?: unknown;
  code?: unknown;
  message?: unknown;
}

const PRISM_ERRORS = "https://stoplight.io/prism/errors#";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromPrismValidation(v: PrismValidation, exchange: ProxiedExchange): Violation {
  const location = Array.isArray(v.location) ? v.location.map(String) : [];
  const side: ViolationSide = location[0] === "response" ? "response" : "request";
  return {
    side,
    where: exchange.step,
    message: `${location.join(".")} ${String(v.message ?? v.code ?? "violation")}`.trim(),
    expected: side === "request" && exchange.breaksContract,
  };
}

/**
 * Prism's findings on one exchange. With `--errors` a violation replaces the answer with a problem+json whose
 * `validation` lists them; without it they ride in the `sl-violations` header. Prism's other problems (no route,
 * missing credentials) are its own refusals of the request.
 */
export function prismViolations(exchange: ProxiedExchange): Violation[] {
  const problem = exchange.headers["content-type"]?.startsWith("application/problem+json")
    ? (parseJson(exchange.body) as { type?: unknown; title?: unknown; validation?: unknown } | undefined)
    : undefined;
  const type = typeof problem?.type === "string" ? problem.type : "";
  if (type.startsWith(PRISM_ERRORS) && Array.isArray(problem?.validation)) {
    return (problem.validation as PrismValidation[]).map((v) => fromPrismValidation(v, exchange));
  }
  const header = exchange.headers["sl-violations"];
  const listed = header === undefined ? undefined : parseJson(header);
  if (Array.isArray(listed)) {
    return (listed as PrismValidation[]).map((v) => fromPrismValidation(v, exchange));
  }
  if (type.startsWith(PRISM_ERRORS)) {
    return [
      {
        side: "request",
        where: exchange.step,
        message: `${type.slice(PRISM_ERRORS.length)}: ${String(problem?.title ?? "")}`,
        expected: exchange.breaksContract,
      },
    ];
  }
  return [];
}

/** Prism's log lines that report a violation (`Violation: response.body …`), without colour codes. */
export function prismLogViolations(log: string): string[] {
  return stripAnsi(log)
    .split("\n")
    .filter((line) => line.includes("Violation: "))
    .map((line) => oneLine(line.slice(line.indexOf("Violation: ") + "Violation: ".length)));
}

export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is being removed
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/**
 * Dredd's findings: in its "Displaying failed tests" section each failed transaction is a `fail: METHOD (CODE)
 * PATH duration: …` line followed by `fail: <first reason>` and further reasons. Dredd sends only requests the
 * contract describes, so none is expected.
 */
export function dreddViolations(output: string): Violation[] {
  const lines = stripAnsi(output).split("\n");
  const start = lines.findIndex((l) => l.includes("Displaying failed tests"));
  if (start < 0) return [];
  const found: Violation[] = [];
  let test: string | null = null;
  for (const line of lines.slice(start + 1)) {
    const header = /^fail: (\S+ \(\d+\) \S+) duration:/.exec(line);
    if (header?.[1]) {
      test = header[1];
      continue;
    }
    const reason = /^fail: (.+)$/.exec(line);
    if (test !== null && reason?.[1]) {
      found.push({ side: "response", where: test, message: oneLine(reason[1]), expected: false });
      test = null;
    }
  }
  return found;
}

/** Our own `conform --json` report, as far as the harness needs it: each property's outcome and reason. */
export interface ConformReport {
  properties?: { name?: unknown; outcome?: unknown; reason?: unknown }[];
}

/**
 * `conform`'s findings: exit 1 means a property failed. The JSON report names them when it has the expected
 * shape; otherwise the exit code alone is the finding. Any other exit code is the tool failing, not a verdict.
 */
export function conformViolations(exitCode: 0 | 1, report: ConformReport | undefined): Violation[] {
  if (exitCode === 0) return [];
  const failed = (report?.properties ?? []).filter((p) => p.outcome === "fail");
  if (failed.length === 0) {
    return [{ side: "response", where: "conform", message: "a property failed", expected: false }];
  }
  return failed.map((p) => ({
    side: "response",
    where: String(p.name ?? "property"),
    message: oneLine(String(p.reason ?? "failed")),
    expected: false,
  }));
}
