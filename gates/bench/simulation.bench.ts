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
    const profile = JSON.parse(
      readFileSync("fixtures/profiles/bulk-upload-burst.json", "utf8"),
    ) as StressProfile;
    let model = new TwinModel(catalog, DEFAULT_SCENARIO);
    model.loadProfile(profile, "policy");
    return [
      {
        name: "simulation step (30 s of bulk-upload-burst)",
        fn: () => {
          if (model.simulation?.done) {
            model = new TwinModel(catalog, DEFAULT_SCENARIO);
            model.loadProfile(profile, "policy");
          }
          model.advance(30);
        },
      },
    ];
  },
};
export default suite;
