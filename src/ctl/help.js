import { GLOBAL_OPTIONS } from "./globals.js";
import { EXIT_CODE_HELP } from "./spec.js";
import { PROGRAM } from "./tree.js";

function optionLine(o) {
  const flag = `--${o.name}${o.value ? ` ${o.placeholder ?? "VALUE"}` : ""}`;
  const extras = [o.env ? `env ${o.env}` : "", o.default !== undefined ? `default ${o.default}` : ""].filter(
    Boolean,
  );
  return `  ${flag.padEnd(22)} ${o.description}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}
function usageOf(group, command) {
  const args = command.args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`));
  const options = command.options.map((o) => {
    const text = `--${o.name}${o.value ? ` ${o.placeholder ?? "VALUE"}` : ""}`;
    return o.required ? text : `[${text}]`;
  });
  return [PROGRAM, group.name, command.name, ...args, ...options].join(" ");
}
const exitCodes = () => ["exit codes:", ...EXIT_CODE_HELP.map(([code, meaning]) => `  ${code}  ${meaning}`)];
/** Help for the program, a group or one command, generated from the command tree. */
export function helpText(tree, group, command) {
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
