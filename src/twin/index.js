/** The Nemesis API twin: a real HTTP server on loopback that serves the throughput-policy contract. */
export { NEMESIS_DEFAULT_CREDENTIALS } from "./auth.js";
export { parseFaultKind } from "./faults.js";
export { TwinModel } from "./model.js";
export {
  DEFAULT_SCENARIO,
  DEFECTS,
  loadScenarioFile,
  parseScenario,
  ScenarioError,
  TELEMETRY_MODES,
} from "./scenario.js";
export { startTwin } from "./server.js";
