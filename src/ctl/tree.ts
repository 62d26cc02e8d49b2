import { clear } from "./commands/clear.js";
import { getContexts, useContext } from "./commands/config.js";
import { history } from "./commands/history.js";
import { override } from "./commands/override.js";
import { presets } from "./commands/presets.js";
import { revert } from "./commands/revert.js";
import { set } from "./commands/set.js";
import { snapshot } from "./commands/snapshot.js";
import { status } from "./commands/status.js";
import type { GroupSpec } from "./spec.js";

export const PROGRAM = "nemesis-ctl";

/** The whole command tree, declared once: help, parsing and the docs checker read it. */
export const COMMAND_TREE: readonly GroupSpec[] = [
  {
    name: "throughput",
    summary: "Tiered workload-class throttling: presets, TTL overrides, status, revert and history.",
    commands: [status, presets, set, override, clear, revert, history, snapshot],
  },
  {
    name: "config",
    summary: "Named contexts: the API URL, user, CA file and secret variable of each deployment.",
    local: true,
    commands: [getContexts, useContext],
  },
];
