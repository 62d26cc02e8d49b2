import { recordedSteps } from "../bundle.js";
import { describeChange, kpiVerdict } from "./kpi-change.js";
import type { ReportedBundle } from "./reported-steps.js";
import { signOffLines } from "./sign-off.js";
import { partialNote, reasonsHeading, verdictLine } from "./verdict.js";

const cell = (v: unknown) => String(v ?? "-").replace(/\|/g, "\\|");

/** The summary a release engineer reads first; also what goes to $GITHUB_STEP_SUMMARY. */
export function summaryMarkdown(bundle: ReportedBundle): string {
  const { gate, steps, verdict } = bundle.deterministic;
  const partial = partialNote(bundle);
  const lines = [
    `# throughput-gate: ${verdictLine(bundle)}`,
    "",
    ...signOffLines(bundle).map((l) => `- **${l.label}:** ${cell(l.text)}`),
    "",
    ...(partial ? [`**${partial}**`, ""] : []),
    `Config \`${gate.config}\` (${gate.name}), ${gate.mode}${gate.quick ? ", quick" : ""}${gate.only ? `, only ${gate.only}` : ""}.`,
    `Digest \`${bundle.determinism.digest}\`.`,
    "",
  ];
  if (verdict.reasons.length)
    lines.push(`## ${reasonsHeading(verdict.result)}`, "", ...verdict.reasons.map((r) => `- ${r}`), "");
  lines.push("## Steps", "", "| step | status | summary |", "| --- | --- | --- |");
  for (const [id, step] of recordedSteps(bundle))
    lines.push(`| ${id} | ${step.status} | ${cell(step.summary)} |`);
  const kpis = steps["queue-drain"]?.result.kpis ?? [];
  if (kpis.length) {
    lines.push(
      "",
      "## KPIs",
      "",
      "| KPI | profile | base | candidate | change | verdict |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const k of kpis)
      lines.push(
        `| ${k.id} | ${k.profile} | ${cell(k.base)} | ${cell(k.candidate)} | ${describeChange(k.improvement)} | ${kpiVerdict(k)} |`,
      );
  }
  const triggers = steps.rollback?.result.triggers ?? [];
  if (triggers.length) {
    lines.push(
      "",
      "## Rollback triggers",
      "",
      "| trigger | observed | threshold | fired |",
      "| --- | --- | --- | --- |",
    );
    for (const t of triggers)
      lines.push(`| ${t.id} | ${cell(t.detail)} | ${t.threshold} | ${t.fired ? "**yes**" : "no"} |`);
    const commands = steps.rollback?.result.revert_commands ?? [];
    lines.push("", "Revert path:", "", "```sh", ...commands, "```");
  }
  return `${lines.join("\n")}\n`;
}
