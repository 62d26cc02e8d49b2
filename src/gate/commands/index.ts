import { BUILTIN_TYPES, type BuiltinType, type CliSpec, completionCommand } from "../../cli/index.js";
import { GATE_GLOBALS } from "../command.js";
import { benchAb, benchCompare, benchRun } from "./bench.js";
import { conform } from "./conform.js";
import { docs } from "./docs.js";
import { drain } from "./drain.js";
import { evidenceKeygen } from "./evidence-keygen.js";
import { evidenceMerge } from "./evidence-merge.js";
import { evidenceSign } from "./evidence-sign.js";
import { evidenceVerify } from "./evidence-verify.js";
import { init } from "./init.js";
import { run } from "./run.js";
import { twinAdvance } from "./twin-advance.js";
import { twinFault } from "./twin-fault.js";
import { twinFaultClear } from "./twin-fault-clear.js";
import { twinFaultList } from "./twin-fault-list.js";
import { twinRequests } from "./twin-requests.js";
import { twinReset } from "./twin-reset.js";
import { twinServe } from "./twin-serve.js";
import { twinTelemetry } from "./twin-telemetry.js";

export { GATE_GLOBALS, type GateCommand } from "../command.js";

export const PROGRAM = "throughput-gate";

/** `throughput-gate`, declared once: help, parsing and completions read it. Commands are listed in help's order. */
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
  commands: [
    run,
    init,
    docs,
    drain,
    conform,
    completionCommand(PROGRAM, () => GATE_CLI, "name"),
    evidenceVerify,
    evidenceKeygen,
    evidenceSign,
    evidenceMerge,
    twinServe,
    twinAdvance,
    twinTelemetry,
    twinFaultList,
    twinFaultClear,
    twinFault,
    twinReset,
    twinRequests,
    benchRun,
    benchAb,
    benchCompare,
  ],
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
