import type { Cell, CompareResult, ToolColumn } from "./result.js";

const MARK: Record<Cell["status"], string> = { caught: "✓", missed: "–", error: "error", "not run": "n/a" };

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

const header = (tool: ToolColumn): string =>
  escapeCell(tool.version === null ? tool.name : `${tool.name} ${tool.version}`);

/**
 * The comparison as a markdown table for `docs/conformance.md`: one row per defect and one for the healthy twin
 * (where ✓ is a false alarm), one column per tool, then each tool's wall time and the notes that explain a cell
 * that is not a plain verdict.
 */
export function markdownTable(result: CompareResult): string {
  const tools = result.tools;
  const lines = [
    `| twin | ${tools.map(header).join(" | ")} |`,
    `| --- | ${tools.map(() => ":---:").join(" | ")} |`,
  ];
  for (const row of result.rows) {
    const label = row.defect === null ? `${row.target} (control: ✓ = false alarm)` : `\`${row.target}\``;
    const marks = tools.map((t) => {
      const cell = row.cells[t.name];
      return cell ? MARK[cell.status] : "n/a";
    });
    lines.push(`| ${label} | ${marks.join(" | ")} |`);
  }
  lines.push(
    `| wall time | ${tools.map((t) => (t.runnable ? `${t.seconds.toFixed(1)} s` : "–")).join(" | ")} |`,
  );
  const notes = tools.flatMap((t) => toolNotes(t, result));
  return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}

function toolNotes(tool: ToolColumn, result: CompareResult): string[] {
  if (!tool.runnable) return [`- ${tool.name}: cannot run: ${escapeCell(tool.reason ?? "no reason given")}`];
  const healthy = result.rows.find((r) => r.defect === null)?.cells[tool.name];
  const notes: string[] = [];
  if (healthy?.status === "caught") {
    notes.push(`- ${tool.name}: false alarm on the healthy twin: ${escapeCell(healthy.detail ?? "")}`);
    const differing = result.rows.filter((r) => r.cells[tool.name]?.differs_from_healthy === true);
    notes.push(
      differing.length === 0
        ? `- ${tool.name}: its findings are the same on every defect as on the healthy twin, so no ✓ of it tells a defect apart`
        : `- ${tool.name}: findings differ from the healthy twin's on ${differing.map((r) => `\`${r.target}\``).join(", ")}`,
    );
  }
  for (const row of result.rows) {
    const cell = row.cells[tool.name];
    if (cell?.status === "error")
      notes.push(`- ${tool.name} on ${row.target}: ${escapeCell(cell.detail ?? "")}`);
  }
  return notes;
}
