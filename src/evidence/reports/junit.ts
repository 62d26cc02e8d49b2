import { type Bundle, recordedSteps } from "../bundle.js";
import { escapeXml } from "./escape.js";

const xml = escapeXml;

/** One testsuite per step, one testcase per check; docs findings carry their file and line. */
export function junitXml(bundle: Bundle): string {
  const suites = recordedSteps(bundle).map(([id, step]) => {
    const checks = step.checks;
    const failures = checks.filter((c) => !c.pass).length;
    const cases = checks.map((c) => {
      const where = c.file ? ` file="${xml(c.file)}"${c.line ? ` line="${c.line}"` : ""}` : "";
      const body = c.pass ? "" : `<failure message="${xml(c.message)}">${xml(c.message)}</failure>`;
      return `    <testcase classname="throughput-gate.${xml(id)}" name="${xml(c.name)}"${where}>${body}</testcase>`;
    });
    const errors = step.status === "error" ? 1 : 0;
    return `  <testsuite name="${xml(id)}" tests="${checks.length}" failures="${failures}" errors="${errors}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="throughput-gate">\n${suites.join("\n")}\n</testsuites>\n`;
}
