#!/usr/bin/env node
import { inspect } from "node:util";
import {
  CliError,
  EXIT_USAGE,
  helpFor,
  helpHint,
  helpTarget,
  packageVersion,
  parseCli,
  runMain,
  UsageError,
} from "../cli/index.js";
import { escapeForTerminal } from "../common/terminal.js";
import { GATE_CLI, PROGRAM } from "./cli-spec.js";

/**
 * The exit code an error ends the run with: its own when it carries one (a `CliError`; the policy engine's
 * `CatalogError` and common's `FileKindError`, which name a file the user has to fix, carry 2 without importing
 * the CLI's classes), 2 when another process holds the port the user asked for, else 1. Read by shape, so
 * starting the CLI loads neither the policy engine nor the file checks.
 */
function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof Error && "exitCode" in err && typeof err.exitCode === "number") return err.exitCode;
  if (err instanceof Error && "code" in err && err.code === "EADDRINUSE") return EXIT_USAGE;
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const request = parseCli(GATE_CLI, argv, { env: process.env });
    if (request.kind === "version") {
      console.log(`${PROGRAM} ${packageVersion()}`);
      return 0;
    }
    if (request.kind === "help") {
      console.log(helpFor(GATE_CLI, request));
      // A bare `throughput-gate` is a command line that asks for nothing: help, and the usage error's code.
      return request.asked || request.group ? 0 : EXIT_USAGE;
    }
    return await request.command.run(request, undefined);
  } catch (err) {
    if (debug) console.error(debugText(err));
    else {
      const message = errorLine(err);
      const hint = err instanceof UsageError ? helpHint(message, helpTarget(GATE_CLI, argv)) : "";
      console.error(`${PROGRAM}: ${message}${hint}`);
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
