/** Queue drain: replays a stress profile through the API (twin or live), samples, and computes KPIs. */
export { type ApiTarget, DEFAULT_TIMEOUT_SECONDS, DrainError } from "./api.js";
export { type DrainRun, drainLive, drainOnTwin, type LiveOptions, type PolicyChoice } from "./collect.js";
export {
  type JobRecord,
  jobKpis,
  type Kpis,
  maxStarvation,
  percentile,
  type Sample,
  sampledKpis,
} from "./kpis.js";
export { catalogNames, loadProfileFile, ProfileError, parseProfile } from "./profile.js";
export { drainTable } from "./report.js";
