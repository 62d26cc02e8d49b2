#!/usr/bin/env node
import { type GateCommand, gateCommands, UsageError } from "./commands/index.js";

const EXIT_USAGE = 2;

function helpText(): string {
  const lines = gateCommands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    "usage: throughput-gate <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "exit codes: 0 ok, 1 failed, 2 usage or configuration error",
  ].join("\n");
}

function select(argv: string[]): { command: GateCommand; rest: string[] } | null {
  for (const command of gateCommands) {
    if (command.path.every((word, i) => argv[i] === word))
      return { command, rest: argv.slice(command.path.length) };
  }
  return null;
}

/** Errors that are the user's to fix: bad flags, unreadable files, invalid scenarios or catalogs. */
function isUserError(err: unknown): boolean {
  const name = (err as Error)?.name;
  const code = (err as { code?: string })?.code ?? "";
  return (
    err instanceof UsageError ||
    name === "ScenarioError" ||
    name === "CatalogError" ||
    name === "DocsContractError" ||
    name === "ProfileError" ||
    name === "BenchInputError" ||
    name === "ConfigError" ||
    code.startsWith("ERR_PARSE_ARGS") ||
    code === "EADDRINUSE"
  );
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h") {
    console.log(helpText());
    return args.length === 0 ? EXIT_USAGE : 0;
  }
  const selected = select(args);
  if (!selected) {
    console.error(`throughput-gate: unknown command "${args.join(" ")}"; run throughput-gate --help`);
    return EXIT_USAGE;
  }
  if (selected.rest.includes("--help")) {
    console.log(`usage: ${selected.command.usage}\n${selected.command.summary}`);
    return 0;
  }
  try {
    return await selected.command.run(selected.rest);
  } catch (err) {
    if (debug) console.error(err);
    else console.error(`throughput-gate: ${(err as Error).message.split("\n")[0]}`);
    return isUserError(err) ? EXIT_USAGE : 1;
  }
}

// Set the exit code and let Node exit once stdout has drained: process.exit() would cut off piped output.
// A reader that stops early (| head) closes the pipe: that ends the run, it is not an error to report.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
