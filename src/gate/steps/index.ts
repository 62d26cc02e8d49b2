import { benchmark } from "./benchmark.js";
import { conformance } from "./conformance.js";
import { controls } from "./controls.js";
import { docs } from "./docs.js";
import { queueDrain } from "./queue-drain.js";
import { rollback } from "./rollback.js";
import type { GateStep } from "./step.js";
import { suites } from "./suites.js";

export * from "./step.js";
export { rollback };

/** The gate's steps, in the order they run; the verdict comes after them. */
export const gateSteps: readonly GateStep[] = [
  suites,
  controls,
  conformance,
  docs,
  benchmark,
  queueDrain,
  rollback,
];
