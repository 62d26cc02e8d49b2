import { resolve } from "node:path";
import { command } from "../command.js";
import { DEFAULT_OUT } from "../evidence-folder.js";
import { repositoryOf } from "../provenance.js";

export const evidenceMerge = command({
  name: "evidence merge",
  summary:
    "Join the shard bundles of one run (run --shard I/N) into one bundle and its reports, with the verdict decided once: the digest an unsharded run would have. Exit 0 pass, 1 fail, 2 when the shards do not make one whole run (a shard missing or given twice, different commits or configs).",
  args: [
    {
      name: "shard-dirs",
      value: "text",
      required: true,
      many: true,
      description: "every shard's evidence folder, each holding its bundle.json and shard-parts.json",
    },
  ],
  options: [
    {
      name: "out",
      value: "file",
      placeholder: "DIR",
      description: `where to write the merged evidence (default ${DEFAULT_OUT})`,
    },
    { name: "format", value: "text", choices: ["intoto"], description: "also write an in-toto statement" },
  ],
  async run({ args, options }) {
    const { mergeShards } = await import("../merge.js");
    const { verdictLine } = await import("../../evidence/index.js");
    const root = repositoryOf(process.cwd()) ?? process.cwd();
    const dirs = [...args["shard-dirs"]];
    const out = resolve(process.cwd(), String(options.out ?? resolve(root, DEFAULT_OUT)));
    const bundle = await mergeShards({
      dirs,
      out,
      root,
      intoto: options.format === "intoto",
      log: (line) => process.stderr.write(`gate: ${line}\n`),
    });
    const v = bundle.deterministic.verdict;
    for (const reason of v.reasons) process.stdout.write(`  - ${reason}\n`);
    process.stdout.write(
      `gate: merged ${dirs.length} shard(s): ${verdictLine(bundle)} (digest ${bundle.determinism.digest}); evidence in ${out}\n`,
    );
    return v.exit_code;
  },
});
