import { UserError } from "../../cli/index.js";
import { readJsonFile } from "../../common/index.js";
import { type Bundle, partialNote, partialStep, verifyBundle } from "../../evidence/index.js";
import type { GateCommand } from "./command.js";

export const evidenceVerify: GateCommand = {
  name: "evidence verify",
  summary:
    "Check a bundle's schema, recompute its digest, and check its inputs against the files. Exit 0 verified, 1 not, 2 a bundle that cannot be read.",
  args: [{ name: "bundle", value: "file", required: true, description: "the bundle.json to check" }],
  options: [],
  async run({ args }) {
    const file = String(args.bundle);
    // A regular file of at most 16 MB: a bundle path that is a device or a FIFO is refused, never read forever.
    const bundle = readJsonFile(file, { what: "bundle", error: UserError }) as Bundle;
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
