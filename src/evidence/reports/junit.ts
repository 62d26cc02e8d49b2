import { type Bundle, recordedSteps } from "../bundle.js";
import { escapeXml } from "./escape.js";

/**
 * What XML 1.0 cannot hold, not even as a character reference: C0 controls but tab, newline and return, U+FFFE,
 * U+FFFF and lone surrogates. One in a check's message (a build's coloured output, a config value) made junit.xml
 * ill-formed, and a CI that cannot parse it shows no test results at all.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Kept as references: a parser turns a raw one in an attribute into a space, and a raw \r in text into \n. */
const WHITESPACE: Record<string, string> = { "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/** Text for an attribute or a text node: escaped, and each character XML cannot hold shown as \u001b. */
const xml = (text: unknown) =>
  escapeXml(text)
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[\t\n\r]/g, (c) => WHITESPACE[c] ?? c);

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
