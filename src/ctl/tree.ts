import { type CliSpec, completionCommand } from "../cli/index.js";
import { clear } from "./commands/clear.js";
import { getContexts, useContext } from "./commands/config.js";
import { history } from "./commands/history.js";
import { override } from "./commands/override.js";
import { presets } from "./commands/presets.js";
import { revert } from "./commands/revert.js";
import { set } from "./commands/set.js";
import { snapshot } from "./commands/snapshot.js";
import { status } from "./commands/status.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import { EXIT_CODE_HELP, type RunContext, type ValueType } from "./spec.js";
import { type ValueContext, valueTypes } from "./values.js";

export const PROGRAM = "nemesis-ctl";

/** The longest override TTL when no catalog says otherwise: a day. */
const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;

/** Every command, in the order help lists them. */
export const COMMANDS = [
  status,
  presets,
  set,
  override,
  clear,
  revert,
  history,
  snapshot,
  getContexts,
  useContext,
] as const;

/**
 * nemesis-ctl, declared once: help, parsing, completions and the docs checker read it. The value types depend on
 * the presets and the longest TTL a catalog allows, so the docs checker can declare it with a catalog's.
 */
export function nemesisCtl(values: Partial<ValueContext> = {}): CliSpec<ValueType, RunContext> {
  const cli: CliSpec<ValueType, RunContext> = {
    program: PROGRAM,
    summary:
      "Tiered workload-class throttling for Nemesis operators: presets, TTL overrides, status and history.",
    types: valueTypes({
      knownPresets: values.knownPresets,
      maxTtlSeconds: values.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS,
    }),
    groups: [
      {
        name: "throughput",
        summary: "Tiered workload-class throttling: presets, TTL overrides, status, revert and history.",
      },
      {
        name: "config",
        summary: "Named contexts: the API URL, user, CA file and secret variable of each deployment.",
      },
    ],
    commands: [...COMMANDS, completionCommand(PROGRAM, () => cli, "name")],
    globals: GLOBAL_OPTIONS,
    exitCodes: EXIT_CODE_HELP,
  };
  return cli;
}
