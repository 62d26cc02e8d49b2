import type { GateCommand } from "../command.js";
import { benchAb } from "./bench-ab.js";
import { benchCompare } from "./bench-compare.js";
import { benchRun } from "./bench-run.js";
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

/**
 * Every `throughput-gate` command, in the order help lists them: the one list. Importing it loads every command's
 * code, so the CLI reads the generated manifest instead (manifest.generated.ts, made from this list by
 * `npm run build`): the same declarations, each command's code loaded only when it runs.
 */
export const GATE_COMMANDS: readonly GateCommand[] = [
  run,
  init,
  docs,
  drain,
  conform,
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
];
