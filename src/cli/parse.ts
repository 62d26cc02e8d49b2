import { UsageError, UserError } from "./errors.js";
import type { CommandShape, OptionSpec, Scalar, Values } from "./spec.js";
import { didYouMean } from "./suggest.js";
import { parseValue, type ValueParser } from "./values.js";

export interface Flag {
  name: string;
  value: string | undefined;
  /** Every value of an option that takes many. */
  values?: string[];
}

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
): Values {
  const specs = [...command.options, ...(ctx.globals ?? [])];
  const options: Values = {};
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
      const earlier = (options[spec.name] ?? []) as readonly string[];
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
): Values {
  const args: Values = {};
  command.args.forEach((spec, i) => {
    const raw = positionals[i];
    const label = spec.name.toUpperCase();
    if (raw === undefined) {
      if (spec.required) throw new UsageError(`"${command.name}" needs ${label}: ${spec.description}`);
      return;
    }
    const read = (text: string) => {
      const value = parseValue(ctx.types[spec.value], undefined, text, label);
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

export function requireOptions<T extends string>(command: CommandShape<T>, options: Values): void {
  for (const spec of command.options) {
    if (spec.required && options[spec.name] === undefined) {
      throw new UsageError(`"${command.name}" needs --${spec.name} ${spec.placeholder ?? ""}`.trimEnd());
    }
  }
}

/** Options not given on the command line take their environment variable, else their fallback, else their default. */
export function fillFromEnvironment<T extends string>(
  command: CommandShape<T>,
  options: Values,
  ctx: ParseContext<T>,
): void {
  const specs = [...command.options, ...(ctx.globals ?? [])];
  for (const spec of specs) {
    const fromEnv = spec.env ? ctx.env?.[spec.env] : undefined;
    if (options[spec.name] !== undefined || fromEnv === undefined || fromEnv === "") continue;
    options[spec.name] = spec.value ? checked(spec, fromEnv, spec.env ?? spec.name, ctx) : true;
  }
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
  const { positionals, flags } = tokenize(argv, valuedOptions(specs), listOptions(specs));
  const options = readOptions(command, flags, ctx);
  if (options.help === true) return { help: true };
  const args = readArguments(command, positionals, ctx);
  requireOptions(command, options);
  fillFromEnvironment(command, options, ctx);
  return { help: false, args, options };
}
