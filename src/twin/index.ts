/** The Nemesis API twin: a real HTTP server on loopback that serves the throughput-policy contract. */
export { type Credentials, NEMESIS_DEFAULT_CREDENTIALS } from "./auth.js";
export { DEFECT_TABLE, DEFECTS, type Defect } from "./defects.js";
export { FAULT_KINDS, type FaultRule, MAX_FAULT_DELAY_MS, parseFaultKind, readFaultKind } from "./faults.js";
export { TwinModel } from "./model.js";
export {
  MAX_LOGGED_BYTES,
  MAX_LOGGED_REQUESTS,
  type RequestLogBounds,
  type RequestPage,
} from "./request-log.js";
export {
  DEFAULT_SCENARIO,
  loadScenarioFile,
  parseScenario,
  type Scenario,
  ScenarioError,
  TELEMETRY_MODES,
  type TelemetryMode,
  withDefects,
} from "./scenario.js";
export { startTwin, type Twin, type TwinOptions } from "./server.js";
