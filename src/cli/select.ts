import { UsageError } from "./errors.js";
import {
  listOptions,
  type ParseContext,
  readCommand,
  readOptions,
  tokenize,
  valuedOptions,
} from "./parse.js";
import type { CliSpec, CommandSpec, GroupSpec, Values } from "./spec.js";
import { nearest } from "./suggest.js";

/** What a command line asks for: help at some level, the version, or one command with its checked input. */
export type CliRequest<T extends string, Ctx> =
  | { kind: "help"; group?: GroupSpec; command?: CommandSpec<T, Ctx>; asked: boolean }
  | { kind: "version" }
  | { kind: "run"; command: CommandSpec<T, Ctx>; args: Values; options: Values };

export type CliContext<T extends string> = Omit<ParseContext<T>, "types" | "globals">;

/** The options a global flag may carry on a version line: none of them changes what --version prints. */
const QUIET_GLOBALS = new Set(["version", "debug", "no-color"]);

interface Words {
  /** Where each word before the first command option stands in argv. */
  indexes: number[];
  words: string[];
}

/**
 * The words that name the command: positionals before the first option that is not global. Globals may come
 * first (`nemesis-ctl --json throughput status`), and a global's value is never taken for a word.
 */
function leadingWords<T extends string>(cli: CliSpec<T, unknown>, argv: readonly string[]): Words {
  const valued = valuedOptions(cli.globals);
  const globals = new Set(cli.globals.map((g) => g.name).concat("version"));
  const found: Words = { indexes: [], words: [] };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--") break;
    if (token === "-h") continue;
    if (!token.startsWith("-")) {
      found.indexes.push(i);
      found.words.push(token);
      continue;
    }
    const name = token.slice(2).split("=")[0] ?? "";
    if (!globals.has(name)) break;
    if (valued.has(name) && !token.includes("=")) i += 1;
  }
  return found;
}

/** The command whose name's words start `words`, the longest such name first. */
function commandNamed<T extends string, Ctx>(cli: CliSpec<T, Ctx>, words: readonly string[]) {
  let best: CommandSpec<T, Ctx> | undefined;
  for (const command of cli.commands) {
    const own = command.name.split(" ");
    if (own.every((w, i) => words[i] === w) && own.length > (best?.name.split(" ").length ?? 0))
      best = command;
  }
  return best;
}

export const groupCommands = <T extends string, Ctx>(cli: CliSpec<T, Ctx>, group: string) =>
  cli.commands.filter((c) => c.name.startsWith(`${group} `));

/**
 * Reads a command line against a CLI's declaration. It runs nothing and reads nothing but `ctx.env`: the docs
 * checker uses it to validate documented commands. Throws a UsageError naming the problem.
 */
export function parseCli<T extends string, Ctx>(
  cli: CliSpec<T, Ctx>,
  argv: readonly string[],
  ctx: CliContext<T> = {},
): CliRequest<T, Ctx> {
  const parse: ParseContext<T> = { ...ctx, types: cli.types, globals: cli.globals };
  const { indexes, words } = leadingWords(cli, argv);
  const wantsHelp = argv.some((a) => a === "--help" || a === "-h");
  const command = commandNamed(cli, words);
  if (!command) return noCommand(cli, argv, words, wantsHelp, parse);
  const used = command.name.split(" ").length;
  const rest = argv.filter((_, i) => !indexes.slice(0, used).includes(i));
  const specs = [...command.options, ...cli.globals];
  const tokens = tokenize(rest, valuedOptions(specs), listOptions(specs));
  if (wantsHelp) {
    readOptions(command, tokens.flags, parse);
    return { kind: "help", command, asked: true };
  }
  return { kind: "run", command, ...readCommand(command, tokens, parse) };
}

function noCommand<T extends string, Ctx>(
  cli: CliSpec<T, Ctx>,
  argv: readonly string[],
  words: readonly string[],
  wantsHelp: boolean,
  parse: ParseContext<T>,
): CliRequest<T, Ctx> {
  const [first, second] = words;
  if (first === undefined) {
    const { flags } = tokenize(argv, valuedOptions(cli.globals));
    if (
      !wantsHelp &&
      flags.some((f) => f.name === "version") &&
      flags.every((f) => QUIET_GLOBALS.has(f.name))
    )
      return { kind: "version" };
    readGlobals(cli, flags, parse);
    return { kind: "help", asked: wantsHelp };
  }
  const group = cli.groups.find((g) => g.name === first);
  if (group && second === undefined) return { kind: "help", group, asked: wantsHelp };
  throw new UsageError(unknownCommand(cli, words));
}

/** Flags given without a command are checked all the same: a typo in one is named, never ignored. */
function readGlobals<T extends string, Ctx>(
  cli: CliSpec<T, Ctx>,
  flags: ReturnType<typeof tokenize>["flags"],
  parse: ParseContext<T>,
): void {
  const program = { name: cli.program, args: [], options: [{ name: "version", description: "" }] };
  readOptions(program, flags, parse);
}

/** Names what was typed and the nearest command: a group's first word, then a command of that group. */
export function unknownCommand<T extends string, Ctx>(
  cli: CliSpec<T, Ctx>,
  words: readonly string[],
): string {
  const [first = "", second] = words;
  const inGroup = (group: string) => groupCommands(cli, group).map((c) => c.name.split(" ")[1] ?? "");
  const singles = cli.commands.filter((c) => !c.name.includes(" ")).map((c) => c.name);
  const isGroup = cli.groups.some((g) => g.name === first);
  const head = isGroup ? first : nearest(first, [...singles, ...cli.groups.map((g) => g.name)]);
  const headIsGroup = head !== undefined && cli.groups.some((g) => g.name === head);
  const tail = headIsGroup && second !== undefined ? nearest(second, inGroup(head)) : undefined;
  const typed = [first, ...(headIsGroup && second !== undefined ? [second] : [])].join(" ");
  const suggestion = tail ? `${head} ${tail}` : isGroup ? undefined : head;
  if (suggestion) return `unknown command "${typed}"; did you mean "${suggestion}"?`;
  if (!isGroup)
    return `unknown command "${typed}"; try: ${[...singles, ...cli.groups.map((g) => g.name)].join(", ")}`;
  return `unknown command "${typed}"; commands: ${groupCommands(cli, first)
    .map((c) => c.name)
    .join(", ")}`;
}

/**
 * Where a usage error points for help: the command's own help once its words name one, else its group's, else the
 * program's.
 */
export function helpTarget<T extends string, Ctx>(cli: CliSpec<T, Ctx>, argv: readonly string[]): string {
  const { words } = leadingWords(cli, argv);
  const command = commandNamed(cli, words);
  if (command) return `${cli.program} ${command.name}`;
  const group = cli.groups.find((g) => g.name === words[0]);
  return group ? `${cli.program} ${group.name}` : cli.program;
}

/** validateCli(argv) → ok, or the one-line message the CLI would print. Nothing is executed. */
export function validateCli<T extends string, Ctx>(
  cli: CliSpec<T, Ctx>,
  argv: readonly string[],
  ctx: CliContext<T> = {},
): { ok: true } | { ok: false; message: string } {
  try {
    parseCli(cli, argv, ctx);
    return { ok: true };
  } catch (err) {
    if (err instanceof UsageError) return { ok: false, message: err.message };
    throw err;
  }
}
