import { presetTables, stableJson } from "../output.js";
import { EXIT } from "../spec.js";
import { PRESETS } from "./paths.js";
export const presets = {
  name: "presets",
  summary: "List the presets with every value: class limits, thresholds, windows.",
  args: [],
  options: [],
  examples: ["nemesis-ctl throughput presets", "nemesis-ctl throughput presets --json"],
  async run(ctx) {
    const { body } = await (await ctx.client()).get(PRESETS);
    ctx.out.write(ctx.json ? stableJson(body) : `${presetTables(body)}\n`);
    return EXIT.ok;
  },
};
