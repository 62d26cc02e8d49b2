import { UsageError } from "./errors.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import type { CommandSpec, GroupSpec, OptionSpec, Value } from "./spec.js";
import { parseValue, type ValueContext } from "./values.js";

export interface ParseOptions {
  env?: Readonly<Record<string, string | undefined>>;
  knownPresets?: readonly string[];
  maxTtlSeconds?: number;
}

export type Parsed =
  | { kind: "help"; group?: GroupSpec; command?: CommandSpec }
  | { kind: "version" }
  | {
      kind: "run";
      group: GroupSpec;
      command: CommandSpec;
      args: Record<string, Value>;
      options: Record<string, Value>;
    };

const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;

interface Flag {
  name: string;
  value: string | undefined;
}

interface Tokens {
  positionals: string[];
  flags: Flag[];
}

/** Every option that takes a value, anywhere in the tree. A name means the same kind of option everywhere. */
function valuedOptions(tree: readonly GroupSpec[]): Set<string> {
  const all = [...GLOBAL_OPTIONS, ...tree.flatMap((g) => g.commands.flatMap((c) => c.options))];
  return new Set(all.filter((o) => o.value).map((o) => o.name));
}

function tokenize(argv: readonly string[], valued: Set<string>): Tokens {
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
      else if (valued.has(name)) {
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

function selectCommand(tree: readonly GroupSpec[], positionals: string[], wantsHelp: boolean) {
  const [groupName, commandName] = positionals;
  if (groupName === undefined) return { help: true as const };
  const group = tree.find((g) => g.name === groupName);
  if (!group) {
    throw new UsageError(`unknown command "${groupName}"; try: ${tree.map((g) => g.name).join(", ")}`);
  }
  if (commandName === undefined) {
    if (wantsHelp) return { help: true as const, group };
    throw new UsageError(`"${group.name}" needs a command: ${group.commands.map((c) => c.name).join(", ")}`);
  }
  const command = group.commands.find((c) => c.name === commandName);
  if (!command) {
    const names = group.commands.map((c) => c.name).join(", ");
    throw new UsageError(`unknown command "${group.name} ${commandName}"; commands: ${names}`);
  }
  return { group, command };
}

/** Reads the flags of one command against its declared options plus the global ones. */
function readOptions(command: CommandSpec, flags: Flag[], ctx: ValueContext): Record<string, Value> {
  const specs = [...command.options, ...GLOBAL_OPTIONS];
  const options: Record<string, Value> = {};
  for (const flag of flags) {
    const spec = specs.find((s) => s.name === flag.name);
    if (!spec) throw new UsageError(`unknown option --${flag.name} for "${command.name}"`);
    if (!spec.value) {
      if (flag.value !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      options[spec.name] = true;
    } else {
      options[spec.name] = checked(spec, flag.value ?? "", `--${spec.name}`, ctx);
    }
  }
  return options;
}

function checked(spec: OptionSpec, raw: string, label: string, ctx: ValueContext): Value {
  const value = parseValue(spec.value ?? "text", raw, label, ctx);
  if (typeof value === "object") throw new UsageError(value.error);
  return value;
}

function applyEnvironment(options: Record<string, Value>, env: ParseOptions["env"], ctx: ValueContext): void {
  for (const spec of GLOBAL_OPTIONS) {
    const fromEnv = spec.env ? env?.[spec.env] : undefined;
    if (options[spec.name] !== undefined || fromEnv === undefined || fromEnv === "") continue;
    options[spec.name] = spec.value ? checked(spec, fromEnv, spec.env ?? spec.name, ctx) : true;
  }
  for (const spec of GLOBAL_OPTIONS) {
    if (options[spec.name] === undefined && spec.default !== undefined) {
      options[spec.name] = checked(spec, spec.default, `--${spec.name}`, ctx);
    }
  }
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
  const ctx: ValueContext = {
    knownPresets: opts.knownPresets,
    maxTtlSeconds: opts.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS,
  };
  const { positionals, flags } = tokenize(argv, valuedOptions(tree));
  const wantsHelp = flags.some((f) => f.name === "help");
  const onlyGlobal = flags.every((f) => f.name === "version" || f.name === "debug" || f.name === "no-color");
  if (positionals.length === 0 && onlyGlobal && flags.some((f) => f.name === "version"))
    return { kind: "version" };
  const selected = selectCommand(tree, positionals, wantsHelp);
  if ("help" in selected) return { kind: "help", group: selected.group };
  const { group, command } = selected;
  const options = readOptions(command, flags, ctx);
  if (wantsHelp) return { kind: "help", group, command };
  const rest = positionals.slice(2);
  const args: Record<string, Value> = {};
  command.args.forEach((spec, i) => {
    const raw = rest[i];
    if (raw === undefined) {
      if (spec.required)
        throw new UsageError(`"${command.name}" needs ${spec.name.toUpperCase()}: ${spec.description}`);
      return;
    }
    const value = parseValue(spec.value, raw, spec.name.toUpperCase(), ctx);
    if (typeof value === "object") throw new UsageError(value.error);
    args[spec.name] = value;
  });
  if (rest.length > command.args.length) {
    throw new UsageError(`unexpected argument "${rest[command.args.length]}" for "${command.name}"`);
  }
  for (const spec of command.options) {
    if (spec.required && options[spec.name] === undefined) {
      throw new UsageError(`"${command.name}" needs --${spec.name} ${spec.placeholder ?? ""}`.trimEnd());
    }
  }
  applyEnvironment(options, opts.env, ctx);
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
