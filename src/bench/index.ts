/** Benchmarks: tinybench suites, interleaved A/B runs, statistics, baselines, importers and exporters. */
export { type AbOptions, prepareBaseline, runAb } from "./ab.js";
export {
  InputBudget,
  jsonValues,
  MAX_BENCHMARKS,
  MAX_COMPARE_BYTES,
  MAX_COMPARE_VALUES,
} from "./budget.js";
export {
  type BenchmarkComparison,
  blocksWarning,
  type CompareReport,
  compareFiles,
  compareInterleaved,
  compareRuns,
  DEFAULT_LOCATION,
  exitCodeFor,
  type InconclusivePolicy,
  processValues,
  tallyVerdicts,
  verdictLine,
} from "./compare.js";
export { confirmRegressions, needsConfirmation } from "./confirm.js";
export { COUNTED_CALLS, countHere, instrumentConfig } from "./count-here.js";
export { COUNTABLE_FORMATS, type CountedSuite, checkCountable, countSuite } from "./count-runs.js";
export {
  type BenchmarkCount,
  type CountComparison,
  type CountReport,
  type CountSettings,
  countsFromDumps,
  DEFAULT_COUNT_SETTINGS,
  judgeCounts,
  parseCallgrindDump,
} from "./counts.js";
export { type Fingerprint, fingerprint, fingerprintDiff } from "./fingerprint.js";
export {
  type BenchFile,
  BenchInputError,
  MAX_NAME_LENGTH,
  RESULT_FORMAT,
  type ResultDocument,
  readBenchFile,
} from "./formats.js";
export {
  boundedGlob,
  GLOB_LIMITS,
  type GlobLimits,
  MAX_GLOB_DEPTH,
  MAX_GLOB_ENTRIES,
  MAX_GLOB_MS,
  MAX_RESULT_FILES,
  splitPattern,
} from "./glob.js";
export { type LoadOptions, type LoadResult, loopbackLoad, median } from "./load.js";
export {
  measureHere,
  measureInProcesses,
  type ProcessRounds,
  SLOWDOWN_ENV,
  slowdowns,
} from "./processes.js";
export { type Progress, progressOn, showProgress } from "./progress.js";
export { formatReport, REPORT_FORMATS, type ReportFormat } from "./report.js";
export { type Measured, measure } from "./runner.js";
export { type RunSelection, type RunSet, readRunSet, savedRunName } from "./runs.js";
export { type CountSlice, inSlice, sliceOf } from "./slice.js";
export { repeated } from "./slowdown.js";
export {
  acrossProcesses,
  DEFAULT_STATS,
  decide,
  holm,
  MIN_PROCESSES,
  PROCESS_LOCATIONS,
  PROCESS_STATS,
  type ProcessLocation,
  pairedRounds,
  processesNeeded,
  type StatsOptions,
  type Verdict,
} from "./stats.js";
export {
  allTasks,
  type BenchSuite,
  type BenchTask,
  loaderFor,
  loadSuites,
  type ModuleLoader,
} from "./suite.js";
export { measureSuite, prepareTree, type Side, type SuiteLook, type SuiteSpec } from "./suite-runs.js";
export {
  type CountFingerprint,
  countFingerprintDiff,
  FINGERPRINT_FIELDS,
  INSTRUMENT_ENV,
  InstructionSetupError,
  NODE_COUNT_FLAGS,
  readCounts,
  WARMUP_DUMP,
} from "./valgrind.js";
export { createWorktree, removeStaleWorktrees } from "./worktree.js";
