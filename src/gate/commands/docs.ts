import { checkDocs, FORMATS, type Format, formatFindings, loadDocsContract } from "../../docs-check/index.js";
import type { GateCommand } from "./command.js";

export const DEFAULT_DOCS_CONTRACT = "gates/docs-contract.json";

export const docs: GateCommand = {
  name: "docs",
  summary: "Check the runbooks against their contract. Exit 0 pass, 1 findings, 2 bad contract or usage.",
  args: [],
  options: [
    {
      name: "contract",
      value: "file",
      placeholder: "FILE",
      default: DEFAULT_DOCS_CONTRACT,
      description: "the docs contract",
    },
    {
      name: "format",
      value: "text",
      choices: FORMATS,
      default: "text",
      description: "how to print findings",
    },
  ],
  async run({ options }) {
    const format = options.format as Format;
    const findings = checkDocs(loadDocsContract(String(options.contract)));
    process.stdout.write(formatFindings(findings, format));
    if (format === "text") {
      const summary = findings.length === 0 ? "docs: pass" : `docs: ${findings.length} finding(s)`;
      process.stderr.write(`${summary}\n`);
    }
    return findings.length === 0 ? 0 : 1;
  },
};
