import type { BenchSuite } from "../../src/bench/suite.js";
import type * as Policy from "../../src/policy/index.js";

const T0 = 1_767_225_600;
/** Each task repeats its call, so one sample is far above the timer's resolution; a count needs fewer. */
const REPEAT = { time: 200, instructions: 50 };

const suite: BenchSuite = {
  name: "policy",
  async tasks(load, context) {
    const repeat = REPEAT[context?.metric ?? "time"];
    const policy = await load<typeof Policy>("policy/index.js");
    const catalog = policy.loadCatalogFile();
    const depths = { new_file: 75, document_conversion_input: 3, titus_input: 0 };
    const sampled = policy.ingestSample(catalog, policy.initialState(catalog), depths, T0);
    if (!sampled.ok) throw new Error(sampled.error.message);
    const input = { preset: "aggressive", ttlSeconds: 1200, reason: "bench", actor: "bench" };
    const overridden = policy.createOverride(catalog, sampled.state, input, T0);
    if (!overridden.ok) throw new Error(overridden.error.message);
    const state = overridden.state;
    return [
      {
        name: "status derivation",
        fn: () => {
          for (let i = 0; i < repeat; i++) policy.deriveStatus(catalog, state, T0 + 90);
        },
      },
      {
        name: "override resolution",
        fn: () => {
          for (let i = 0; i < repeat * 20; i++) policy.resolve(catalog, state, T0 + (i % 1300));
        },
      },
    ];
  },
};
export default suite;
