/** Benchmarks: tinybench suites, interleaved A/B runs, statistics, baselines, importers and exporters. */
export { type AbOptions, prepareBaseline, runAb } from "./ab.js";
export {
  type CompareReport,
  compareFiles,
  compareInterleaved,
  exitCodeFor,
  type InconclusivePolicy,
} from "./compare.js";
export { type Fingerprint, fingerprint, fingerprintDiff } from "./fingerprint.js";
export {
  type BenchFile,
  BenchInputError,
  RESULT_FORMAT,
  type ResultDocument,
  readBenchFile,
} from "./formats.js";
export { type LoadOptions, type LoadResult, loopbackLoad, median } from "./load.js";
export { measureHere, measureInProcesses, type ProcessRounds } from "./processes.js";
export { type Progress, progressOn, showProgress } from "./progress.js";
export { formatReport, REPORT_FORMATS, type ReportFormat } from "./report.js";
export { type Measured, measure } from "./runner.js";
export { DEFAULT_STATS, decide, holm, pairedRounds, type StatsOptions, type Verdict } from "./stats.js";
export {
  allTasks,
  type BenchSuite,
  type BenchTask,
  loaderFor,
  loadSuites,
  type ModuleLoader,
} from "./suite.js";
