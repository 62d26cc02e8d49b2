import {
  didYouMean,
  fillFromEnvironment,
  type ParseContext,
  readArguments,
  readOptions,
  requireOptions,
  tokenize,
  UsageError,
  type Values,
  valuedOptions,
} from "../cli/index.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import type { CommandSpec, GroupSpec, ValueType } from "./spec.js";
import { valueTypes } from "./values.js";

export interface ParseOptions {
  env?: Readonly<Record<string, string | undefined>>;
  knownPresets?: readonly string[];
  maxTtlSeconds?: number;
  /** The values of a named context, below the environment and above the defaults. */
  fallbacks?: ParseContext<ValueType>["fallbacks"];
  fallbackSource?: string;
}

export type Parsed =
  | { kind: "help"; group?: GroupSpec; command?: CommandSpec }
  | { kind: "version" }
  | { kind: "run"; group: GroupSpec; command: CommandSpec; args: Values; options: Values };

const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;

function selectCommand(tree: readonly GroupSpec[], positionals: string[], wantsHelp: boolean) {
  const [groupName, commandName] = positionals;
  if (groupName === undefined) return { help: true as const };
  const group = tree.find((g) => g.name === groupName);
  if (!group) {
    const names = tree.map((g) => g.name);
    const near = didYouMean(groupName, names);
    throw new UsageError(`unknown command "${groupName}"${near || `; try: ${names.join(", ")}`}`);
  }
  if (commandName === undefined) {
    if (wantsHelp) return { help: true as const, group };
    throw new UsageError(`"${group.name}" needs a command: ${group.commands.map((c) => c.name).join(", ")}`);
  }
  const command = group.commands.find((c) => c.name === commandName);
  if (!command) {
    const names = group.commands.map((c) => c.name);
    const near = didYouMean(commandName, names);
    throw new UsageError(
      `unknown command "${group.name} ${commandName}"${near || `; commands: ${names.join(", ")}`}`,
    );
  }
  return { group, command };
}

/**
 * Parses argv against the command tree. It runs nothing and reads nothing but `env`: the docs checker uses it to
 * validate documented commands. Throws a UsageError naming the problem.
 */
export function parseArgv(
  tree: readonly GroupSpec[],
  argv: readonly string[],
  opts: ParseOptions = {},
): Parsed {
  const ctx: ParseContext<ValueType> = {
    types: valueTypes({
      knownPresets: opts.knownPresets,
      maxTtlSeconds: opts.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS,
    }),
    globals: GLOBAL_OPTIONS,
    env: opts.env,
    fallbacks: opts.fallbacks,
    fallbackSource: opts.fallbackSource,
  };
  // Flags may come before the group and command words, so every option in the tree tells how to read them.
  const allOptions = [...GLOBAL_OPTIONS, ...tree.flatMap((g) => g.commands.flatMap((c) => c.options))];
  const { positionals, flags } = tokenize(argv, valuedOptions(allOptions));
  const wantsHelp = flags.some((f) => f.name === "help");
  const onlyGlobal = flags.every((f) => f.name === "version" || f.name === "debug" || f.name === "no-color");
  if (positionals.length === 0 && onlyGlobal && flags.some((f) => f.name === "version"))
    return { kind: "version" };
  const selected = selectCommand(tree, positionals, wantsHelp);
  if ("help" in selected) return { kind: "help", group: selected.group };
  const { group, command } = selected;
  const options = readOptions(command, flags, ctx);
  if (wantsHelp) return { kind: "help", group, command };
  const args = readArguments(command, positionals.slice(2), ctx);
  requireOptions(command, options);
  fillFromEnvironment(command, options, ctx);
  return { kind: "run", group, command, args, options };
}

/** validateArgv(argv) → ok, or the one-line message the CLI would print. Nothing is executed. */
export function validateArgv(
  tree: readonly GroupSpec[],
  argv: readonly string[],
  opts: ParseOptions = {},
): { ok: true } | { ok: false; message: string } {
  try {
    parseArgv(tree, argv, opts);
    return { ok: true };
  } catch (err) {
    if (err instanceof UsageError) return { ok: false, message: err.message };
    throw err;
  }
}
