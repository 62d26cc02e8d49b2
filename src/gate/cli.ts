#!/usr/bin/env node
import {
  BUILTIN_TYPES,
  CliError,
  EXIT_USAGE,
  type OptionSpec,
  optionLine,
  parseCommand,
  runMain,
  UsageError,
  usageLine,
} from "../cli/index.js";
import { FileKindError } from "../common/index.js";
import { CatalogError } from "../policy/index.js";
import { type GateCommand, gateCommands } from "./commands/index.js";

const PROGRAM = "throughput-gate";
const EXIT_CODES = "exit codes: 0 ok, 1 failed, 2 usage or configuration error";

const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "debug", description: "print the stack trace of an error" },
  { name: "help", description: "show help; after a command, that command's help" },
];

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
    "",
    EXIT_CODES,
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
  throw new UsageError(`unknown command "${argv.join(" ")}"`);
}

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
    if (debug) console.error(err);
    else {
      const helpFor = command ? `${PROGRAM} ${command.name}` : PROGRAM;
      const hint = err instanceof UsageError ? `; see ${helpFor} --help` : "";
      console.error(`${PROGRAM}: ${(err as Error).message.split("\n")[0]}${hint}`);
    }
    return exitCodeOf(err);
  }
}

runMain(main);
