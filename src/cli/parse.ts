import { UsageError, UserError } from "./errors.js";
import type { CommandShape, OptionSpec, Scalar, Value, Values } from "./spec.js";
import { didYouMean } from "./suggest.js";
import { parseValue, type ValueParser } from "./values.js";

export interface Flag {
  name: string;
  value: string | undefined;
  /** Every value of an option that takes many. */
  values?: string[];
}

/** Values while the parser fills them in; handlers get them as read-only `Values`. */
type Filling = Record<string, Value>;

export interface Tokens {
  positionals: string[];
  flags: Flag[];
}

export interface ParseContext<T extends string> {
  /** How to read each value type the declarations use. */
  types: Readonly<Record<T, ValueParser>>;
  /** Options every command takes besides its own. */
  globals?: readonly OptionSpec<T>[];
  /** Where options with an `env` read their fallback. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Values by option name, below the environment and above the defaults (a named context, say); an `error` is
   * raised only when the option falls through to it.
   */
  fallbacks?: Readonly<Record<string, string | { error: string }>>;
  /** Where the fallbacks come from, for messages: e.g. `context "prod"`. */
  fallbackSource?: string;
}

/** The names of the options that take a value: the tokenizer must know them to read `--name VALUE`. */
export function valuedOptions(options: readonly OptionSpec<string>[]): Set<string> {
  return new Set(options.filter((o) => o.value).map((o) => o.name));
}

/** The names of the options that take one or more values. */
export function listOptions(options: readonly OptionSpec<string>[]): Set<string> {
  return new Set(options.filter((o) => o.value && o.many).map((o) => o.name));
}

/** Splits argv into positionals and long flags. Short flags are refused, except -h for help. */
export function tokenize(
  argv: readonly string[],
  valued: ReadonlySet<string>,
  lists: ReadonlySet<string> = new Set(),
): Tokens {
  const positionals: string[] = [];
  const flags: Flag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === "-h") flags.push({ name: "help", value: undefined });
    else if (token.startsWith("--")) {
      const eq = token.indexOf("=");
      const name = eq > 0 ? token.slice(2, eq) : token.slice(2);
      if (eq > 0) flags.push({ name, value: token.slice(eq + 1) });
      else if (lists.has(name)) {
        const values: string[] = [];
        while (i + 1 < argv.length && !(argv[i + 1] ?? "").startsWith("--")) values.push(argv[++i] ?? "");
        if (values.length === 0) throw new UsageError(`--${name} needs one or more values`);
        flags.push({ name, value: values[0], values });
      } else if (valued.has(name)) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith("--")) throw new UsageError(`--${name} needs a value`);
        flags.push({ name, value: next });
        i += 1;
      } else flags.push({ name, value: undefined });
    } else if (token.startsWith("-") && token.length > 1 && !/^-\d/.test(token)) {
      throw new UsageError(`unknown option ${token}; options are long, e.g. --help`);
    } else positionals.push(token);
  }
  return { positionals, flags };
}

function checked<T extends string>(
  spec: OptionSpec<T>,
  raw: string,
  label: string,
  ctx: ParseContext<T>,
): Scalar {
  const value = parseValue(ctx.types[spec.value ?? ("text" as T)], spec.choices, raw, label);
  if (typeof value === "object") throw new UsageError(value.error);
  return value;
}

/** Reads the flags against the command's declared options plus the global ones. */
export function readOptions<T extends string>(
  command: CommandShape<T>,
  flags: readonly Flag[],
  ctx: ParseContext<T>,
): Filling {
  const specs = [...command.options, ...(ctx.globals ?? [])];
  const options: Filling = {};
  for (const flag of flags) {
    const spec = specs.find((s) => s.name === flag.name);
    if (!spec) {
      const near = didYouMean(
        flag.name,
        specs.map((s) => s.name),
        "--",
      );
      throw new UsageError(`unknown option --${flag.name} for "${command.name}"${near}`);
    }
    if (!spec.value) {
      if (flag.value !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      options[spec.name] = true;
    } else if (spec.many) {
      const earlier = listValue(options[spec.name]);
      const given = flag.values ?? [flag.value ?? ""];
      options[spec.name] = [...earlier, ...given.map((v) => String(checked(spec, v, `--${spec.name}`, ctx)))];
    } else options[spec.name] = checked(spec, flag.value ?? "", `--${spec.name}`, ctx);
  }
  return options;
}

/** Reads the positionals against the command's declared arguments; a missing required one or an extra one is named. */
export function readArguments<T extends string>(
  command: CommandShape<T>,
  positionals: readonly string[],
  ctx: ParseContext<T>,
): Filling {
  const args: Filling = {};
  command.args.forEach((spec, i) => {
    const raw = positionals[i];
    const label = spec.name.toUpperCase();
    if (raw === undefined) {
      if (spec.required) throw new UsageError(`"${command.name}" needs ${label}: ${spec.description}`);
      return;
    }
    const read = (text: string) => {
      const value = parseValue(ctx.types[spec.value], spec.choices, text, label);
      if (typeof value === "object") throw new UsageError(value.error);
      return value;
    };
    args[spec.name] = spec.many ? positionals.slice(i).map((p) => String(read(p))) : read(raw);
  });
  if (!command.args.at(-1)?.many && positionals.length > command.args.length) {
    throw new UsageError(`unexpected argument "${positionals[command.args.length]}" for "${command.name}"`);
  }
  return args;
}

const listValue = (value: Value | undefined): readonly string[] => (Array.isArray(value) ? value : []);

/** Every required option has a value, from the command line, the environment, a fallback or a default. */
export function requireOptions<T extends string>(command: CommandShape<T>, options: Values): void {
  for (const spec of command.options) {
    if (spec.required && options[spec.name] === undefined) {
      const fromEnv = spec.env ? ` (or set ${spec.env})` : "";
      throw new UsageError(
        `"${command.name}" needs --${spec.name} ${spec.placeholder ?? ""}`.trimEnd() + fromEnv,
      );
    }
  }
}

/** How a related name reads in a message: `--name` for an option, NAME for an argument that is no option. */
const shown = <T extends string>(name: string, command: CommandShape<T>) =>
  command.options.some((o) => o.name === name) || !command.args.some((a) => a.name === name)
    ? `--${name}`
    : name.toUpperCase();

/**
 * The declared relations between what the user gave (on the command line or in the environment; defaults and
 * fallbacks are not the user's choice, so they never conflict): `conflicts` and `requires`.
 */
export function checkRelations<T extends string>(command: CommandShape<T>, given: ReadonlySet<string>): void {
  for (const spec of command.options) {
    if (!given.has(spec.name)) continue;
    const clash = spec.conflicts?.find((other) => given.has(other));
    if (clash !== undefined)
      throw new UsageError(`use either --${spec.name} or ${shown(clash, command)}, not both`);
    const missing = spec.requires?.find((other) => !given.has(other));
    if (missing !== undefined) {
      const mutual = command.options.find((o) => o.name === missing)?.requires?.includes(spec.name);
      throw new UsageError(
        mutual
          ? `--${spec.name} and ${shown(missing, command)} go together`
          : `--${spec.name} needs ${shown(missing, command)}`,
      );
    }
  }
}

/** Options not given on the command line take their environment variable; returns the names so filled. */
export function fillFromEnvironmentOnly<T extends string>(
  command: CommandShape<T>,
  options: Filling,
  ctx: ParseContext<T>,
): string[] {
  const filled: string[] = [];
  for (const spec of [...command.options, ...(ctx.globals ?? [])]) {
    const fromEnv = spec.env ? ctx.env?.[spec.env] : undefined;
    if (options[spec.name] !== undefined || fromEnv === undefined || fromEnv === "") continue;
    options[spec.name] = spec.value ? checked(spec, fromEnv, spec.env ?? spec.name, ctx) : true;
    filled.push(spec.name);
  }
  return filled;
}

/** Options still without a value take their fallback (a named context), else their default. */
export function fillFallbacksAndDefaults<T extends string>(
  command: CommandShape<T>,
  options: Filling,
  ctx: ParseContext<T>,
): void {
  const specs = [...command.options, ...(ctx.globals ?? [])];
  for (const spec of specs) {
    const fallback =
      ctx.fallbacks && Object.hasOwn(ctx.fallbacks, spec.name) ? ctx.fallbacks[spec.name] : undefined;
    if (options[spec.name] !== undefined || fallback === undefined || !spec.value) continue;
    if (typeof fallback === "object") throw new UserError(fallback.error);
    options[spec.name] = checked(spec, fallback, `${ctx.fallbackSource ?? "fallback"} ${spec.name}`, ctx);
  }
  for (const spec of specs) {
    if (options[spec.name] === undefined && spec.default !== undefined) {
      options[spec.name] = checked(spec, spec.default, `--${spec.name}`, ctx);
    }
  }
}

/**
 * Reads a command's options and arguments from its tokens: checks each value, the declared relations, then fills
 * in the environment, fallbacks and defaults, and only then requires what is required, so a required option an
 * environment variable gives is never refused.
 */
export function readCommand<T extends string>(
  command: CommandShape<T>,
  tokens: Tokens,
  ctx: ParseContext<T>,
): { args: Values; options: Values } {
  const options = readOptions(command, tokens.flags, ctx);
  const args = readArguments(command, tokens.positionals, ctx);
  const fromEnv = fillFromEnvironmentOnly(command, options, ctx);
  checkRelations(command, new Set([...Object.keys(options), ...Object.keys(args), ...fromEnv]));
  fillFallbacksAndDefaults(command, options, ctx);
  requireOptions(command, options);
  return { args, options };
}

export type ParsedCommand = { help: true } | { help: false; args: Values; options: Values };

/**
 * Parses the argv that follows a command's name against its declaration. Runs nothing and reads nothing but
 * `ctx.env`. Throws a UsageError naming the problem.
 */
export function parseCommand<T extends string>(
  command: CommandShape<T>,
  argv: readonly string[],
  ctx: ParseContext<T>,
): ParsedCommand {
  const specs = [...command.options, ...(ctx.globals ?? [])];
  const tokens = tokenize(argv, valuedOptions(specs), listOptions(specs));
  if (tokens.flags.some((f) => f.name === "help")) {
    readOptions(command, tokens.flags, ctx);
    return { help: true };
  }
  return { help: false, ...readCommand(command, tokens, ctx) };
}
