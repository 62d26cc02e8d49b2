import { BUILTIN_TYPES, type BuiltinType, type CliSpec, completionCommand } from "../cli/index.js";
import { GATE_GLOBALS } from "./command.js";
import { COMMAND_MANIFEST } from "./commands/manifest.generated.js";

export const PROGRAM = "throughput-gate";

/**
 * `throughput-gate`, declared once: help, parsing and completions read it. Its commands come from the generated
 * manifest, so reading it loads no command's code: `--help` and a typo cost the start-up of a small file.
 */
export const GATE_CLI: CliSpec<BuiltinType, undefined> = {
  program: PROGRAM,
  summary:
    "The acceptance gate for a change to the throughput policy: run it, check runbooks and benchmarks, drive the twin, verify and sign the evidence.",
  types: BUILTIN_TYPES,
  groups: [
    { name: "evidence", summary: "Verify, sign and merge evidence bundles; make a signing key." },
    {
      name: "twin",
      summary: "Serve the Nemesis API twin and drive a running one: its clock, telemetry, faults and log.",
    },
    {
      name: "bench",
      summary: "Measure benchmark suites and compare runs: per process, alternated, or counted.",
    },
  ],
  commands: [...COMMAND_MANIFEST, completionCommand(PROGRAM, () => GATE_CLI, "name")],
  globals: GATE_GLOBALS,
  exitCodes: [
    [0, "ok"],
    [1, "failed"],
    [2, "usage or configuration error"],
    [3, "incomplete (run: a live verdict without a base run)"],
    [130, "stopped by SIGINT (run)"],
    [143, "stopped by SIGTERM (run)"],
  ],
};
