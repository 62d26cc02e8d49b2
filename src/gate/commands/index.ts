import { benchAb, benchCompare, benchRun } from "./bench.js";
import type { GateCommand } from "./command.js";
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

export type { GateCommand } from "./command.js";

/** Every `throughput-gate` subcommand. The first whose words start the command line is run, so longer names first. */
export const gateCommands: readonly GateCommand[] = [
  run,
  init,
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
  docs,
  drain,
  conform,
  benchRun,
  benchAb,
  benchCompare,
];
