#!/usr/bin/env node
import { inspect } from "node:util";
import {
  BUILTIN_TYPES,
  CliError,
  EXIT_USAGE,
  helpHint,
  nearest,
  type OptionSpec,
  optionLine,
  packageVersion,
  parseCommand,
  runMain,
  UsageError,
  usageLine,
} from "../cli/index.js";
import { escapeForTerminal, FileKindError } from "../common/index.js";
import { CatalogError } from "../policy/index.js";
import { type GateCommand, gateCommands } from "./commands/index.js";

const PROGRAM = "throughput-gate";
const EXIT_CODES =
  "exit codes: 0 ok, 1 failed, 2 usage or configuration error, 3 incomplete (run: a live verdict without a base run), 130 and 143 stopped by SIGINT and SIGTERM (run)";

const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "debug", description: "print the stack trace of an error" },
  { name: "help", description: "show help; after a command, that command's help" },
];
const VERSION_LINE = `  ${"--version".padEnd(22)} print the version`;

function helpText(): string {
  const lines = gateCommands.map((c) => `  ${usageLine(PROGRAM, c)}\n      ${c.summary}`);
  return [
    `usage: ${PROGRAM} <command> [options]`,
    "",
    "commands:",
    ...lines,
    "",
    "global options:",
    ...GLOBAL_OPTIONS.map(optionLine),
    VERSION_LINE,
    "",
    EXIT_CODES,
  ].join("\n");
}

/** The commands whose name starts with `word`, when there are several words to their names: `bench`, `twin`. */
function groupOf(word: string | undefined): GateCommand[] {
  return gateCommands.filter((c) => c.name.startsWith(`${word} `));
}

/** Help for a group: its commands, as the program's help lists them. */
function groupHelp(word: string, commands: readonly GateCommand[]): string {
  return [
    `usage: ${PROGRAM} ${word} <command> [options]`,
    "",
    "commands:",
    ...commands.map((c) => `  ${usageLine(PROGRAM, c)}\n      ${c.summary}`),
    "",
    `${PROGRAM} ${word} <command> --help shows one command's options.`,
  ].join("\n");
}

function commandHelp(command: GateCommand): string {
  return [
    `usage: ${usageLine(PROGRAM, command)}`,
    "",
    command.summary,
    "",
    ...(command.args.length
      ? [
          "arguments:",
          ...command.args.map((a) => `  ${a.name.toUpperCase().padEnd(22)} ${a.description}`),
          "",
        ]
      : []),
    ...(command.options.length ? ["options:", ...command.options.map(optionLine), ""] : []),
    "global options:",
    ...GLOBAL_OPTIONS.map(optionLine),
    "",
    EXIT_CODES,
  ].join("\n");
}

function select(argv: string[]): { command: GateCommand; rest: string[] } {
  for (const command of gateCommands) {
    const words = command.name.split(" ");
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  throw new UsageError(unknownCommand(argv));
}

/** Names what was typed and the nearest command: a group's first word, then a command of that group. */
function unknownCommand(argv: readonly string[]): string {
  const [first = "", second] = argv.filter((a) => !a.startsWith("-"));
  const secondWords = (group: string) => groupOf(group).map((c) => c.name.split(" ")[1] ?? "");
  const isGroup = groupOf(first).length > 0;
  const head = isGroup ? first : nearest(first, [...singleWordNames(), ...groupWords()]);
  const tail = head && second !== undefined && groupOf(head).length ? nearest(second, secondWords(head)) : "";
  const shown = [first, ...(groupOf(head ?? first).length && second !== undefined ? [second] : [])].join(" ");
  const suggestion = isGroup ? (tail ? `${head} ${tail}` : undefined) : tail ? `${head} ${tail}` : head;
  if (suggestion) return `unknown command "${shown || argv.join(" ")}"; did you mean "${suggestion}"?`;
  const names = (isGroup ? groupOf(first) : gateCommands).map((c) => c.name).join(", ");
  return `unknown command "${shown || argv.join(" ")}"; commands: ${names}`;
}

const singleWordNames = () => gateCommands.filter((c) => !c.name.includes(" ")).map((c) => c.name);

/** The first words of the commands with longer names: `bench`, `evidence`, `twin`. */
const groupWords = () => [
  ...new Set(gateCommands.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0] ?? "")),
];

/** The exit code an error ends the run with: 2 for what the user has to fix, 1 for anything else. */
function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  // The policy engine imports no other part, so its CatalogError cannot extend UserError; a catalog file the user
  // pointed at is still theirs to fix, and this edge is where the gate reads one.
  if (err instanceof CatalogError) return EXIT_USAGE;
  // A file the user named is a device, a FIFO, a folder or a link where a regular file belongs, or is too large.
  if (err instanceof FileKindError) return EXIT_USAGE;
  // Another process holds the port the user asked for.
  if ((err as NodeJS.ErrnoException)?.code === "EADDRINUSE") return EXIT_USAGE;
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h") {
    console.log(helpText());
    return args.length === 0 ? EXIT_USAGE : 0;
  }
  if (args.length === 1 && args[0] === "--version") {
    console.log(`${PROGRAM} ${packageVersion()}`);
    return 0;
  }
  const group = groupOf(args[0]);
  if (group.length && args.slice(1).every((a) => a === "--help" || a === "-h")) {
    console.log(groupHelp(args[0] ?? "", group));
    return 0;
  }
  let command: GateCommand | undefined;
  try {
    const selected = select(args);
    command = selected.command;
    const { rest } = selected;
    const parsed = parseCommand(command, rest, {
      types: BUILTIN_TYPES,
      globals: GLOBAL_OPTIONS,
      env: process.env,
    });
    if (parsed.help) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run(parsed);
  } catch (err) {
    if (debug) console.error(debugText(err));
    else {
      const group = groupOf(args[0]).length ? ` ${args[0]}` : "";
      const helpFor = command ? `${PROGRAM} ${command.name}` : `${PROGRAM}${group}`;
      const message = errorLine(err);
      console.error(`${PROGRAM}: ${message}${err instanceof UsageError ? helpHint(message, helpFor) : ""}`);
    }
    return exitCodeOf(err);
  }
}

/**
 * The one line an error prints, inert on a terminal: messages carry file names, config values and other programs'
 * output, and an escape sequence in any of them would otherwise recolour, move or hide what the user reads. The
 * errors the user has to fix are one line by design, so a newline in one came from such a value and is shown as
 * \n; any other error keeps its first line.
 */
function errorLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const ownLine = err instanceof CliError || exitCodeOf(err) === EXIT_USAGE;
  return escapeForTerminal(ownLine ? message : (message.split("\n")[0] ?? ""));
}

/** --debug: the whole error with its stack, each line as inert as errorLine makes the message. */
const debugText = (err: unknown) => inspect(err).split("\n").map(escapeForTerminal).join("\n");

runMain(main);
