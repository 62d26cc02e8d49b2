import { readFileSync } from "node:fs";
import { type Bundle, partialNote, partialStep, verifyBundle } from "../../evidence/index.js";
import type { GateCommand } from "./command.js";

export const evidenceVerify: GateCommand = {
  name: "evidence verify",
  summary:
    "Check a bundle's schema, recompute its digest, and check its inputs against the files. Exit 0 or 1.",
  args: [{ name: "bundle", value: "file", required: true, description: "the bundle.json to check" }],
  options: [],
  async run({ args }) {
    const file = String(args.bundle);
    let bundle: Bundle;
    try {
      bundle = JSON.parse(readFileSync(file, "utf8")) as Bundle;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      process.stderr.write(
        `throughput-gate: ${file}: ${code ? `cannot read (${code})` : "not valid JSON"}\n`,
      );
      return 1;
    }
    const problems = verifyBundle(bundle, process.cwd());
    for (const p of problems) process.stdout.write(`${file}: ${p}\n`);
    const partial = problems.length ? null : partialNote(bundle);
    if (partial) process.stdout.write(`${file}: ${partial}\n`);
    process.stdout.write(
      problems.length
        ? `evidence: FAILED, ${problems.length} problem(s)\n`
        : `evidence: verified${partial ? ` PARTIAL run (only ${partialStep(bundle)})` : ""} (digest ${bundle.determinism?.digest})\n`,
    );
    return problems.length ? 1 : 0;
  },
};
