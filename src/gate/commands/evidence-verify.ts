import { dirname, join, resolve } from "node:path";
import { ENVELOPE_FILE } from "../../evidence/index.js";
import { command } from "../command.js";
import { say, withTerminalSafeErrors } from "../terminal-safe.js";

/** What a verified bundle proves, in the words the last line prints: a verifier must not read more into it. */
const PROVES_UNSIGNED = "integrity against the inputs; authenticity needs --pub";
const PROVES_SIGNED = "integrity against the inputs, and authenticity: signed by the holder of the key";

export const evidenceVerify = command({
  name: "evidence verify",
  summary:
    "Check a bundle against the schema this package ships, recompute its digest and its verdict (with the thresholds of the triggers file among its inputs), check its inputs against the files under the root and, with --pub, its signature. Without --pub it proves integrity against the inputs, not who made the bundle. Exit 0 verified, 1 not, 2 an unreadable or malformed bundle, envelope or key.",
  args: [{ name: "bundle", value: "file", required: true, description: "the bundle.json to check" }],
  options: [
    {
      name: "root",
      value: "file",
      placeholder: "DIR",
      description:
        "the repository the inputs are named from (default: the git top level of the bundle's folder, else the working directory); an input outside it is never read",
    },
    {
      name: "pub",
      value: "file",
      placeholder: "FILE",
      description: `also check the signature (${ENVELOPE_FILE} beside the bundle) with this Ed25519 public key`,
    },
    {
      name: "envelope",
      value: "file",
      placeholder: "FILE",
      description: `the signature envelope to check with --pub (default ${ENVELOPE_FILE} beside the bundle)`,
    },
  ],
  run: ({ args, options }) =>
    withTerminalSafeErrors(async () => {
      const { integrityProblems } = await import("../verify.js");
      const { inputsRoot, partialNote, partialScope, readBundle, signatureProblems } = await import(
        "../../evidence/index.js"
      );
      const file = String(args.bundle);
      // A regular file of at most 16 MB that is a bundle by the schema: anything else is refused here, exit 2.
      const { bytes, bundle } = readBundle(file);
      const root = options.root === undefined ? inputsRoot(file) : resolve(String(options.root));
      const problems = integrityProblems(bundle, root);
      const signed = options.pub !== undefined;
      if (signed) {
        const envelope =
          options.envelope === undefined ? join(dirname(file), ENVELOPE_FILE) : String(options.envelope);
        problems.push(...signatureProblems(file, bytes, bundle, envelope, String(options.pub)));
      }
      for (const p of problems) say(process.stdout, `${file}: ${p}`);
      const partial = problems.length ? null : partialNote(bundle);
      if (partial) say(process.stdout, `${file}: ${partial}`);
      say(
        process.stdout,
        problems.length
          ? `evidence: FAILED, ${problems.length} problem(s)`
          : `evidence: verified${partial ? ` PARTIAL run (${partialScope(bundle)})` : ""}${signed ? ", signed" : ""} (digest ${bundle.determinism.digest}): ${signed ? `${PROVES_SIGNED} for ${options.pub}` : PROVES_UNSIGNED}`,
      );
      return problems.length ? 1 : 0;
    }),
});
