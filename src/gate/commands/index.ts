import { benchAb, benchCompare, benchRun } from "./bench.js";
import type { GateCommand } from "./command.js";
import { docs } from "./docs.js";
import { drain } from "./drain.js";
import { evidenceKeygen } from "./evidence-keygen.js";
import { evidenceSign } from "./evidence-sign.js";
import { evidenceVerify } from "./evidence-verify.js";
import { run } from "./run.js";
import { twinServe } from "./twin-serve.js";

export type { GateCommand } from "./command.js";

/** Every `throughput-gate` subcommand. */
export const gateCommands: readonly GateCommand[] = [
  run,
  evidenceVerify,
  evidenceKeygen,
  evidenceSign,
  twinServe,
  docs,
  drain,
  benchRun,
  benchAb,
  benchCompare,
];
