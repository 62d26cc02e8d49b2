import { escapeData, escapeProperty } from "../../common/index.js";
import { type Bundle, recordedSteps } from "../bundle.js";
import { partialNote } from "./verdict.js";

/** GitHub Actions workflow commands: an ::error per failed check, with its file and line when it has one. */
export function annotations(bundle: Bundle): string[] {
  const out: string[] = [];
  for (const [id, step] of recordedSteps(bundle)) {
    for (const c of step.checks) {
      if (c.pass) continue;
      const where = c.file ? `file=${escapeProperty(c.file)},${c.line ? `line=${c.line},` : ""}` : "";
      out.push(`::error ${where}title=${escapeProperty(`${id}: ${c.name}`)}::${escapeData(c.message)}`);
    }
  }
  if (bundle.deterministic.verdict.result === "pass") out.push("::notice title=throughput-gate::pass");
  if (bundle.deterministic.verdict.result === "incomplete")
    out.push(
      "::warning title=throughput-gate::incomplete: a live run could not evaluate every trigger (no base run)",
    );
  const partial = partialNote(bundle);
  if (partial) out.push(`::warning title=throughput-gate::${escapeData(partial)}`);
  return out;
}
