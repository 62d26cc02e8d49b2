import type { CliSpec, CommandShape, CommandSpec, GroupSpec, OptionSpec } from "./spec.js";

/** `--name PLACEHOLDER`, or `--name a|b|c` for a choice, or `--name` for a flag. */
export function flagText(o: OptionSpec<string>): string {
  if (!o.value) return `--${o.name}`;
  const placeholder = o.placeholder ?? o.choices?.join("|") ?? "VALUE";
  return `--${o.name} ${placeholder}${o.many ? ` [${placeholder} …]` : ""}`;
}

const COLUMN = 22;

/** A name and its description in help's two columns; a long name puts the description on the next line. */
function twoColumns(name: string, description: string): string {
  const column = name.length > COLUMN ? `${name}\n  ${"".padEnd(COLUMN)}` : name.padEnd(COLUMN);
  return `  ${column} ${description}`;
}

/** One line of an options list: the flag, what it does, where its value comes from when not given, its relations. */
export function optionLine(o: OptionSpec<string>): string {
  const extras = [
    o.env ? `env ${o.env}` : "",
    o.default !== undefined ? `default ${o.default}` : "",
    o.requires?.length ? `needs ${o.requires.map((r) => `--${r}`).join(", ")}` : "",
    o.conflicts?.length ? `not with ${o.conflicts.map((r) => `--${r}`).join(", ")}` : "",
  ].filter(Boolean);
  return twoColumns(flagText(o), `${o.description}${extras.length ? ` (${extras.join(", ")})` : ""}`);
}

/** `program words ARG [ARG] --required X [--optional Y]`, from the declaration. */
export function usageLine(program: string, command: CommandShape<string>): string {
  const args = command.args.map((a) => {
    const name = `${a.name.toUpperCase()}${a.many ? "…" : ""}`;
    return a.required ? name : `[${name}]`;
  });
  const options = command.options.map((o) => (o.required ? flagText(o) : `[${flagText(o)}]`));
  return [program, command.name, ...args, ...options].join(" ");
}

function globalsAndExits(cli: CliSpec<string, never>, withVersion: boolean): string[] {
  const width = Math.max(...cli.exitCodes.map(([code]) => String(code).length));
  return [
    "global options:",
    ...cli.globals.map(optionLine),
    ...(withVersion ? [twoColumns("--version", "print the version")] : []),
    "",
    "exit codes:",
    ...cli.exitCodes.map(([code, meaning]) => `  ${String(code).padEnd(width)}  ${meaning}`),
  ];
}

const commandList = (cli: CliSpec<string, never>, commands: readonly CommandSpec<string, never>[]) =>
  commands.map((c) => `  ${usageLine(cli.program, c)}\n      ${c.summary}`);

/** The program's help: what it is, every command by group, the global options and the exit codes. */
export function programHelp(cli: CliSpec<string, never>): string {
  const grouped = new Set(cli.groups.map((g) => g.name));
  const single = cli.commands.filter((c) => !grouped.has(c.name.split(" ")[0] ?? ""));
  return [
    `usage: ${cli.program} <command> [options]`,
    "",
    cli.summary,
    "",
    ...(single.length ? ["commands:", ...commandList(cli, single), ""] : []),
    ...cli.groups.flatMap((g) => [
      `${g.name}: ${g.summary}`,
      ...commandList(
        cli,
        cli.commands.filter((c) => c.name.startsWith(`${g.name} `)),
      ),
      "",
    ]),
    `${cli.program} <command> --help shows one command's arguments, options and examples.`,
    "",
    ...globalsAndExits(cli, true),
  ].join("\n");
}

/** A group's help: its commands, as the program's help lists them. */
export function groupHelp(cli: CliSpec<string, never>, group: GroupSpec): string {
  return [
    `usage: ${cli.program} ${group.name} <command> [options]`,
    "",
    group.summary,
    "",
    "commands:",
    ...commandList(
      cli,
      cli.commands.filter((c) => c.name.startsWith(`${group.name} `)),
    ),
    "",
    `${cli.program} ${group.name} <command> --help shows one command's arguments, options and examples.`,
  ].join("\n");
}

/** One command's help: usage, what it does, its arguments and options, the global options, examples, exit codes. */
export function commandHelp(cli: CliSpec<string, never>, command: CommandSpec<string, never>): string {
  return [
    `usage: ${usageLine(cli.program, command)}`,
    "",
    command.summary,
    "",
    ...(command.args.length
      ? ["arguments:", ...command.args.map((a) => twoColumns(a.name.toUpperCase(), a.description)), ""]
      : []),
    ...(command.options.length ? ["options:", ...command.options.map(optionLine), ""] : []),
    ...(command.examples?.length ? ["examples:", ...command.examples.map((e) => `  ${e}`), ""] : []),
    ...globalsAndExits(cli, false),
  ].join("\n");
}

/** The help a parsed request asks for. */
export function helpFor(
  cli: CliSpec<string, never>,
  request: { group?: GroupSpec; command?: CommandSpec<string, never> },
): string {
  if (request.command) return commandHelp(cli, request.command);
  if (request.group) return groupHelp(cli, request.group);
  return programHelp(cli);
}
