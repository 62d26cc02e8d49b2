import { optionLine, usageLine } from "../cli/index.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import type { CommandSpec, GroupSpec } from "./spec.js";
import { EXIT_CODE_HELP } from "./spec.js";
import { PROGRAM } from "./tree.js";

function usageOf(group: GroupSpec, command: CommandSpec): string {
  return usageLine(`${PROGRAM} ${group.name}`, command);
}

const exitCodes = () => ["exit codes:", ...EXIT_CODE_HELP.map(([code, meaning]) => `  ${code}  ${meaning}`)];

/** Help for the program, a group or one command, generated from the command tree. */
export function helpText(tree: readonly GroupSpec[], group?: GroupSpec, command?: CommandSpec): string {
  if (group && command) {
    return [
      `usage: ${usageOf(group, command)}`,
      "",
      command.summary,
      "",
      ...(command.options.length ? ["options:", ...command.options.map(optionLine), ""] : []),
      "global options:",
      ...GLOBAL_OPTIONS.map(optionLine),
      "",
      "examples:",
      ...command.examples.map((e) => `  ${e}`),
      "",
      ...exitCodes(),
    ].join("\n");
  }
  const groups = group ? [group] : tree;
  return [
    `usage: ${PROGRAM} <group> <command> [options]`,
    "",
    ...groups.flatMap((g) => [`${g.name}: ${g.summary}`, ...g.commands.map((c) => `  ${usageOf(g, c)}`), ""]),
    "global options:",
    ...GLOBAL_OPTIONS.map(optionLine),
    `  ${"--version".padEnd(22)} print the version`,
    "",
    ...exitCodes(),
  ].join("\n");
}
