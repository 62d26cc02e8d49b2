import type { BenchSuite } from "../../src/bench/suite.js";
import type * as Evidence from "../../src/evidence/index.js";

const suite: BenchSuite = {
  name: "evidence",
  async tasks(load) {
    const evidence = await load<typeof Evidence>("evidence/index.js");
    // A bundle-sized value: four status snapshots, a drain timeline and findings.
    const bundle = {
      snapshots: Array.from({ length: 4 }, (_, i) => ({
        phase: `phase-${i}`,
        status: {
          version: i + 1,
          class_states: [{ class_name: "baseline", active_parallelism: 3 }],
          summary: "x".repeat(120),
        },
      })),
      timeline: Array.from({ length: 300 }, (_, t) => ({
        t: t * 10,
        depths: { new_file: 2000 - t * 6, titus_input: 0 },
      })),
      findings: [],
    };
    return [{ name: "canonicalize and hash a bundle", fn: () => evidence.canonicalDigest(bundle) }];
  },
};
export default suite;
