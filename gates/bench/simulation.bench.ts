import { readFileSync } from "node:fs";
import type { BenchSuite } from "../../src/bench/suite.js";
import type { StressProfile } from "../../src/contract/index.js";
import type * as Policy from "../../src/policy/index.js";
import type * as Twin from "../../src/twin/index.js";

const suite: BenchSuite = {
  name: "simulation",
  async tasks(load) {
    const { loadCatalogFile } = await load<typeof Policy>("policy/index.js");
    const { DEFAULT_SCENARIO, TwinModel } = await load<typeof Twin>("twin/index.js");
    const catalog = loadCatalogFile();
    const burst = JSON.parse(
      readFileSync("fixtures/profiles/bulk-upload-burst.json", "utf8"),
    ) as StressProfile;
    // The same work on every call: 300 files of the bulk burst, simulated until they drain.
    const profile: StressProfile = {
      ...burst,
      arrivals: [{ queue: "new_file", pattern: "burst", count: 300, start_seconds: 0, duration_seconds: 60 }],
    };
    return [
      {
        name: "simulate 300 files to drained",
        fn: () => {
          const model = new TwinModel(catalog, DEFAULT_SCENARIO);
          model.loadProfile(profile, "policy");
          while (!model.simulation?.done) model.advance(600);
        },
      },
    ];
  },
};
export default suite;
