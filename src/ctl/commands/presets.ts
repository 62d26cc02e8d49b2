import type { PresetCatalog } from "../../contract/index.js";
import { command } from "../command.js";
import { presetTables, stableJson, terminalSafe } from "../output.js";
import { EXIT } from "../spec.js";
import { PRESETS } from "./paths.js";

export const presets = command({
  name: "throughput presets",
  summary: "List the presets with every value: class limits, thresholds, windows.",
  args: [],
  options: [],
  examples: ["nemesis-ctl throughput presets", "nemesis-ctl throughput presets --json"],
  async run(_input, ctx) {
    const { body } = await (await ctx.client()).get<PresetCatalog>(PRESETS);
    ctx.out.write(ctx.json ? stableJson(body) : `${presetTables(terminalSafe(body))}\n`);
    return EXIT.ok;
  },
});
