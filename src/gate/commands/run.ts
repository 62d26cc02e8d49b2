import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { escapeForTerminal } from "../../common/index.js";
import { command } from "../command.js";
import { BASE_OUT, DEFAULT_OUT } from "../evidence-folder.js";
import { repositoryOf } from "../provenance.js";
import { STEP_IDS } from "../steps/step.js";

const CONSUMER_CONFIG = ".github/throughput-gate.config.json";
const OWN_CONFIG = "gates/gate.config.json";

/** The config a run without --config uses: a consuming repository's, as init writes it, else this repository's own. */
function defaultConfig(cwd: string): string {
  const root = repositoryOf(cwd) ?? cwd;
  const consumer = join(root, CONSUMER_CONFIG);
  return existsSync(consumer) ? consumer : join(root, OWN_CONFIG);
}

export const run = command({
  name: "run",
  summary:
    "The acceptance gate: every step, the verdict, and the evidence bundle. Exit 0 pass (or a partial run whose step passed), 1 fail, 2 usage or config error, 3 incomplete (a live run with triggers it could not evaluate without a base run), 130 or 143 stopped by SIGINT or SIGTERM.",
  args: [],
  options: [
    {
      name: "config",
      value: "file",
      placeholder: "FILE",
      description: `the gate config (default ${CONSUMER_CONFIG}, as init writes it, when it exists; else ${OWN_CONFIG})`,
    },
    { name: "quick", description: "fewer invariant sequences and the quick drain profiles" },
    {
      name: "only",
      value: "text",
      choices: STEP_IDS,
      description:
        "run this one step and judge only it: a partial run, never a PASS (exit 0 when the step passes)",
    },
    {
      name: "api-url",
      value: "url",
      placeholder: "URL",
      description: "run the controls and the queue drain against this API instead of a twin",
    },
    {
      name: "record-base",
      description: `live only: run under the base preset, no candidate change, and write a base recording (default out ${BASE_OUT})`,
    },
    {
      name: "base-bundle",
      value: "file",
      placeholder: "FILE",
      description:
        "live only: judge the triggers that compare with a base run against this base recording (--record-base) of the same API, catalog and triggers",
    },
    {
      name: "shard",
      value: "text",
      placeholder: "I/N",
      description:
        "run shard I of N: this runner's share of the units (steps, drain profiles, benchmark suites and slices), written for `evidence merge`; a shard is partial, never a PASS",
    },
    {
      name: "out",
      value: "file",
      placeholder: "DIR",
      description: `where to write the evidence (default ${DEFAULT_OUT}; with --only STEP, ${DEFAULT_OUT}/partial-STEP; with --record-base, ${BASE_OUT})`,
    },
    { name: "format", value: "text", choices: ["intoto"], description: "also write an in-toto statement" },
    {
      name: "baseline-ref",
      value: "text",
      placeholder: "REF",
      description:
        "what the benchmark step compares with; else GATE_BASELINE_REF, else the merge-base with GITHUB_BASE_REF on a pull request, else benchmark.baseline_ref",
    },
  ],
  async run({ options }) {
    const [{ stopOnSignals }, { runGate }, { evidenceFolder }, { parseShard }, { verdictLine }] =
      await Promise.all([
        import("../stop.js"),
        import("../run.js"),
        import("../evidence-folder.js"),
        import("../shard.js"),
        import("../../evidence/index.js"),
      ]);
    stopOnSignals();
    const given = resolve(process.cwd(), options.config ?? defaultConfig(process.cwd()));
    // Real paths, as git gives the repository's: the config's name inside it must not go through a symlink.
    const configPath = existsSync(given) ? realpathSync(given) : given;
    const root = repositoryOf(dirname(configPath)) ?? process.cwd();
    const outFlag = options.out === undefined ? undefined : resolve(process.cwd(), options.out);
    const { only } = options;
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const recordBase = options["record-base"] === true;
    const out = evidenceFolder(root, outFlag, only, recordBase, shard);
    const { bundle, exitCode } = await runGate({
      configPath,
      quick: options.quick === true,
      only,
      apiUrl: options["api-url"],
      recordBase,
      baseBundle: options["base-bundle"],
      baselineRef: options["baseline-ref"],
      ...(shard ? { shard } : {}),
      out,
      intoto: options.format === "intoto",
      root,
      // Step summaries quote files, configs and other programs' output: shown inert, as the error line is.
      log: (line) => process.stderr.write(`gate: ${escapeForTerminal(line)}\n`),
    });
    const v = bundle.deterministic.verdict;
    for (const reason of v.reasons) process.stdout.write(`  - ${escapeForTerminal(reason)}\n`);
    const commands = (bundle.deterministic.steps.rollback?.result.revert_commands ?? []) as string[];
    if (v.triggers_fired.length)
      process.stdout.write(`revert with:\n${commands.map((c) => `  ${c}`).join("\n")}\n`);
    if (only) process.stdout.write(`only ${only} ran: a partial run is never a gate pass\n`);
    if (shard)
      process.stdout.write(
        `shard ${shard.index}/${shard.count} ran ${bundle.deterministic.gate.shard?.units.length ?? 0} unit(s): merge every shard's folder with throughput-gate evidence merge\n`,
      );
    if (bundle.deterministic.gate.live?.role === "base")
      process.stdout.write(
        `base recording: judge candidate runs with --base-bundle ${join(out, "bundle.json")}\n`,
      );
    process.stdout.write(
      `gate: ${verdictLine(bundle)} (digest ${bundle.determinism.digest}); evidence in ${out}\n`,
    );
    return exitCode;
  },
});
