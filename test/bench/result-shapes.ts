/** Result files of a given shape, for the tests that check how a reader refuses the wrong ones. */

/** Our own result format around `benchmarks`, with any field replaced by `extra`. */
export const ours = (benchmarks: unknown, extra: object = {}) => ({
  format: "throughput-gate-bench@1",
  name: "x",
  environment: {},
  settings: { time_ms: 1 },
  benchmarks,
  ...extra,
});

/** pytest-benchmark's result format around `benchmarks`. */
export const pytest = (benchmarks: unknown) => ({ machine_info: {}, benchmarks });
