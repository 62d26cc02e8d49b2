/**
 * `npm run conform:compare`: runs each OpenAPI-only tester in `tools/` against the healthy twin and against the twin
 * with each known defect, and records which defects each tool catches, what it reported first, and how long it took.
 *
 * The defects are read from the twin's own list at run time, so a new defect is a new row without a change here.
 * Results go to evidence/out/conform-compare.json; the markdown table for docs/conformance.md goes to stdout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../src/common/index.js";
import { DEFECTS, NEMESIS_DEFAULT_CREDENTIALS } from "../../src/twin/index.js";
import { type Cell, type CompareResult, HEALTHY, type Row, type Target, type ToolColumn } from "./result.js";
import { markdownTable } from "./table.js";
import { type ConformTool, type HarnessContext, TOOLS } from "./tools/index.js";
import { requestCount } from "./traffic.js";
import { startTwinFor } from "./twin.js";
import { type Violation, verdictOf } from "./verdict.js";

const OUT = "evidence/out/conform-compare.json";
const seconds = (started: number) => Math.round((performance.now() - started) / 100) / 10;

function defaultUser(): { user: string; password: string } {
  const [user, password] = Object.entries(NEMESIS_DEFAULT_CREDENTIALS.users)[0] ?? ["n", "n"];
  return { user, password };
}

type CellRun = Cell & { raw?: unknown; findings?: string[] };

/** What a tool found, as a sorted list that two runs can be compared by. */
const findingsOf = (violations: readonly Violation[]): string[] =>
  violations
    .filter((v) => !v.expected)
    .map((v) => `${v.where}: ${v.side} ${v.message}`)
    .sort();

async function runCell(tool: ConformTool, target: Target, ctx: HarnessContext): Promise<CellRun> {
  const started = performance.now();
  const twin = await startTwinFor(target, ctx.repoRoot, ctx.workDir);
  try {
    const run = await tool.run(twin, ctx);
    const verdict = verdictOf(run.violations);
    return {
      status: verdict.caught ? "caught" : "missed",
      detail: verdict.first,
      counted: verdict.counted,
      expected: verdict.expected,
      seconds: seconds(started),
      raw: run.raw,
      findings: findingsOf(run.violations),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "error", detail: message, counted: 0, expected: 0, seconds: seconds(started) };
  } finally {
    await twin.process.stop();
  }
}

const filter = process.env.CONFORM_TOOLS?.split(",").map((s) => s.trim());
const tools = TOOLS.filter((t) => !filter || filter.includes(t.name));
const targets: Target[] = [HEALTHY, ...DEFECTS.map((d) => ({ name: d, defect: d }))];
const repoRoot = process.cwd();
const workDir = mkdtempSync(join(tmpdir(), "conform-compare-"));
const ctx: HarnessContext = {
  repoRoot,
  contractFile: resolve(repoRoot, "contract/nemesis-api.openapi.json"),
  cacheDir: resolve(repoRoot, "node_modules/.cache/conform-tools"),
  workDir,
  ...defaultUser(),
};

const columns: ToolColumn[] = [];
const rows: Row[] = targets.map((t) => ({ target: t.name, defect: t.defect, cells: {} }));
const raw: Record<string, Record<string, unknown>> = {};
try {
  for (const tool of tools) {
    console.error(`${tool.name}: preparing`);
    const availability = await tool.prepare(ctx);
    const column: ToolColumn = {
      name: tool.name,
      version: availability.version,
      runnable: availability.runnable,
      reason: availability.runnable ? null : availability.reason,
      seconds: 0,
    };
    columns.push(column);
    if (!availability.runnable) {
      for (const row of rows) {
        row.cells[tool.name] = {
          status: "not run",
          detail: availability.reason,
          counted: 0,
          expected: 0,
          seconds: 0,
        };
      }
      console.error(`${tool.name}: cannot run: ${availability.reason}`);
      continue;
    }
    raw[tool.name] = {};
    let healthyFindings: string[] | undefined;
    for (const [i, target] of targets.entries()) {
      const { raw: cellRaw, findings, ...cell } = await runCell(tool, target, ctx);
      if (target.defect === null) healthyFindings = findings;
      else {
        cell.differs_from_healthy =
          findings === undefined || healthyFindings === undefined
            ? null
            : JSON.stringify(findings) !== JSON.stringify(healthyFindings);
      }
      const row = rows[i];
      if (row) row.cells[tool.name] = cell;
      (raw[tool.name] as Record<string, unknown>)[target.name] = cellRaw ?? null;
      column.seconds = Math.round((column.seconds + cell.seconds) * 10) / 10;
      console.error(
        `${tool.name} on ${target.name}: ${cell.status} (${cell.seconds} s)${cell.detail ? `: ${cell.detail}` : ""}`,
      );
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const result: CompareResult = {
  contract: "contract/nemesis-api.openapi.json",
  traffic_steps: requestCount(),
  tools: columns,
  rows,
};
writeFileAtomic(OUT, `${JSON.stringify({ ...result, raw, node: process.version }, null, 2)}\n`, {
  createDirectory: true,
});
console.log(markdownTable(result));
console.error(`wrote ${OUT}`);
