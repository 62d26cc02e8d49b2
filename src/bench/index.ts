/** Benchmarks: loopback load, and (as they land) suites, statistics, baselines and importers. */
export { type LoadOptions, type LoadResult, loopbackLoad, median } from "./load.js";
