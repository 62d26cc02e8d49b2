import { getHistory } from "./history.js";
import { clearOverride, createOverride, revert, setPreset } from "./mutations.js";
import { getPresets } from "./presets.js";
import { getQueues } from "./queues.js";
import { evaluate, getStatus } from "./status.js";
import {
  addFaults,
  advanceClock,
  clearFaults,
  getClock,
  getFaults,
  getRequests,
  getSimulation,
  loadProfile,
  loadScenario,
  reset,
  setTelemetry,
} from "./twin-control.js";

export { errorReply } from "./route.js";
/** Every route the twin serves: the Nemesis contract first, then the twin's own controls. */
export const routes = [
  getStatus,
  evaluate,
  getPresets,
  setPreset,
  createOverride,
  clearOverride,
  revert,
  getHistory,
  getQueues,
  getClock,
  advanceClock,
  setTelemetry,
  getFaults,
  addFaults,
  clearFaults,
  loadScenario,
  reset,
  getRequests,
  loadProfile,
  getSimulation,
];
