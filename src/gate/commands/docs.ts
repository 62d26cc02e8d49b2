import { parseArgs } from "node:util";
import { checkDocs, FORMATS, type Format, formatFindings, loadDocsContract } from "../../docs-check/index.js";
import { type GateCommand, UsageError } from "./command.js";

export const DEFAULT_DOCS_CONTRACT = "gates/docs-contract.json";

export const docs: GateCommand = {
  path: ["docs"],
  usage: "throughput-gate docs [--contract gates/docs-contract.json] [--format text|json|github]",
  summary: "Check the runbooks against their contract. Exit 0 pass, 1 findings, 2 bad contract or usage.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { contract: { type: "string" }, format: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const format = (values.format ?? "text") as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
    const findings = checkDocs(loadDocsContract(values.contract ?? DEFAULT_DOCS_CONTRACT));
    process.stdout.write(formatFindings(findings, format));
    if (format === "text") {
      const summary = findings.length === 0 ? "docs: pass" : `docs: ${findings.length} finding(s)`;
      process.stderr.write(`${summary}\n`);
    }
    return findings.length === 0 ? 0 : 1;
  },
};
