import type { ReportedBundle } from "./reported-steps.js";

/** One line of the sign-off header: what a release engineer reads before the verdict's reasons. */
export interface SignOffLine {
  id: "candidate" | "change" | "baseline" | "ran";
  label: string;
  text: string;
}

const short = (commit: string | null | undefined) => (commit ? commit.slice(0, 12) : null);

function where(bundle: ReportedBundle): string {
  const env = bundle.measured.environment;
  const machine = [
    env.os,
    env.cpu,
    env.cores ? `${env.cores} cores` : null,
    env.node ? `Node ${env.node}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const ci = typeof env.ci_run === "string" ? `, ${env.ci_run}` : "";
  return `${bundle.created_at} on ${String(env.host ?? "an unnamed host")}${machine ? ` (${machine})` : ""}${ci}`;
}

/**
 * The header of every report: the candidate commit and whether its tree was dirty, the change under test, the
 * baseline ref and its commit, and when and where the gate ran. A bundle from before these were recorded says so.
 */
export function signOffLines(bundle: ReportedBundle): SignOffLine[] {
  const { candidate, baseline } = bundle.deterministic.gate;
  const commit = short(candidate?.commit) ?? "no commit (not a git checkout)";
  return [
    {
      id: "candidate",
      label: "Candidate",
      text: candidate
        ? `${commit}${candidate.dirty ? " with uncommitted changes" : " (clean tree)"}`
        : "not recorded",
    },
    { id: "change", label: "Change under test", text: candidate?.change ?? "not recorded" },
    {
      id: "baseline",
      label: "Baseline",
      text: baseline
        ? `${baseline.ref} at ${short(baseline.commit)}${baseline.same_tree ? " (A/A: the candidate's own tree)" : ""}`
        : "none: the baseline ref matched no commit",
    },
    { id: "ran", label: "Ran", text: where(bundle) },
  ];
}
