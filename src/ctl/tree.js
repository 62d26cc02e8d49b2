import { clear } from "./commands/clear.js";
import { history } from "./commands/history.js";
import { override } from "./commands/override.js";
import { presets } from "./commands/presets.js";
import { revert } from "./commands/revert.js";
import { set } from "./commands/set.js";
import { snapshot } from "./commands/snapshot.js";
import { status } from "./commands/status.js";
export const PROGRAM = "nemesis-ctl";
/** The whole command tree, declared once: help, parsing and the docs checker read it. */
export const COMMAND_TREE = [
  {
    name: "throughput",
    summary: "Tiered workload-class throttling: presets, TTL overrides, status, revert and history.",
    commands: [status, presets, set, override, clear, revert, history, snapshot],
  },
];
