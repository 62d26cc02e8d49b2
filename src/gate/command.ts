import {
  type BuiltinType,
  type BuiltinTypes,
  type CommandSpec,
  commandDeclarer,
  type OptionSpec,
} from "../cli/index.js";

/** Options every `throughput-gate` command takes. */
export const GATE_GLOBALS = [
  { name: "debug", description: "print the stack trace of an error" },
  { name: "help", description: "show help; after a command, that command's help" },
] as const satisfies readonly OptionSpec[];

/**
 * One `throughput-gate` subcommand, declared once: help, parsing, completions and value checks read the
 * declaration. Each lives in its own file and is registered in ./index.ts. A command's file imports only what its
 * declaration needs; its handler imports the rest when it runs, so `--help` and every other command never load it.
 */
export type GateCommand = CommandSpec<BuiltinType, undefined>;

/** Declares a command: its handler's arguments and options are typed from its declarations. */
export const command = commandDeclarer<BuiltinTypes, typeof GATE_GLOBALS>();

/** What a manifest entry declares: everything of a command but its code. */
export type CommandDeclaration = Omit<GateCommand, "run">;

/** A command whose code is loaded when it runs: help, parsing and completions need only its declaration. */
export function lazyCommand(declaration: CommandDeclaration, load: () => Promise<GateCommand>): GateCommand {
  return {
    ...declaration,
    async run(input, ctx) {
      return (await load()).run(input, ctx);
    },
  };
}
