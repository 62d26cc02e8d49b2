import type { Bundle } from "../bundle.js";

interface Kpi {
  id: string;
  metric: string;
  profile: string;
  base: number | null;
  candidate: number | null;
  improvement: number | null;
  improved: boolean;
  critical: boolean;
}
interface TriggerRow {
  id: string;
  observed: number | null;
  threshold: number;
  fired: boolean;
  detail: string;
}

const cell = (v: unknown) => String(v ?? "-").replace(/\|/g, "\\|");

/** The summary a release engineer reads first; also what goes to $GITHUB_STEP_SUMMARY. */
export function summaryMarkdown(bundle: Bundle): string {
  const d = bundle.deterministic;
  const lines = [
    `# throughput-gate: ${d.verdict.result.toUpperCase()}`,
    "",
    `Config \`${d.gate.config}\` (${d.gate.name}), ${d.gate.mode}${d.gate.quick ? ", quick" : ""}${d.gate.only ? `, only ${d.gate.only}` : ""}.`,
    `Digest \`${bundle.determinism.digest}\`.`,
    "",
  ];
  if (d.verdict.reasons.length)
    lines.push("## Why it failed", "", ...d.verdict.reasons.map((r) => `- ${r}`), "");
  lines.push("## Steps", "", "| step | status | summary |", "| --- | --- | --- |");
  for (const [id, step] of Object.entries(d.steps))
    lines.push(`| ${id} | ${step.status} | ${cell(step.summary)} |`);
  const kpis = (d.steps["queue-drain"]?.result.kpis ?? []) as Kpi[];
  if (kpis.length) {
    lines.push(
      "",
      "## KPIs",
      "",
      "| KPI | profile | base | candidate | change | verdict |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const k of kpis) {
      const change = k.improvement === null ? "-" : `${(k.improvement * 100).toFixed(1)}% better`;
      lines.push(
        `| ${k.id} | ${k.profile} | ${cell(k.base)} | ${cell(k.candidate)} | ${change} | ${k.critical ? "critical regression" : k.improved ? "improved" : "no material change"} |`,
      );
    }
  }
  const triggers = (d.steps.rollback?.result.triggers ?? []) as TriggerRow[];
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
    const commands = (d.steps.rollback?.result.revert_commands ?? []) as string[];
    lines.push("", "Revert path:", "", "```sh", ...commands, "```");
  }
  return `${lines.join("\n")}\n`;
}
