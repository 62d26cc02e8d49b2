import { FORMATS } from "../../docs-check/index.js";
import { command } from "../command.js";

export const DEFAULT_DOCS_CONTRACT = "gates/docs-contract.json";

export const docs = command({
  name: "docs",
  summary: "Check the runbooks against their contract. Exit 0 pass, 1 findings, 2 bad contract or usage.",
  args: [
    {
      name: "file",
      value: "file",
      required: false,
      many: true,
      description:
        "check only these files: one the contract lists against its entry, any other against the rules that need none (links, nemesis-ctl commands, legacy nemesis-ctl.sh calls); every file the contract lists when none is given",
    },
  ],
  options: [
    {
      name: "contract",
      value: "file",
      placeholder: "FILE",
      default: DEFAULT_DOCS_CONTRACT,
      description: "the docs contract; the paths in it are relative to the contract file",
    },
    {
      name: "format",
      value: "text",
      choices: FORMATS,
      default: "text",
      description: "how to print findings",
    },
  ],
  async run({ args, options }) {
    const { checkDocs, formatFindings, loadDocsContract, selectFiles } = await import(
      "../../docs-check/index.js"
    );
    const { format } = options;
    const root = process.cwd();
    const contract = loadDocsContract(String(options.contract), root);
    const files = args.file ?? [];
    const findings = checkDocs(files.length ? selectFiles(contract, files, root) : contract, root);
    process.stdout.write(formatFindings(findings, format));
    if (format === "text") {
      const summary = findings.length === 0 ? "docs: pass" : `docs: ${findings.length} finding(s)`;
      process.stderr.write(`${summary}\n`);
    }
    return findings.length === 0 ? 0 : 1;
  },
});
