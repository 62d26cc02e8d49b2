import { UsageError } from "./errors.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import { parseValue } from "./values.js";

const DEFAULT_MAX_TTL_SECONDS = 24 * 3600;
/** Every option that takes a value, anywhere in the tree. A name means the same kind of option everywhere. */
function valuedOptions(tree) {
  const all = [...GLOBAL_OPTIONS, ...tree.flatMap((g) => g.commands.flatMap((c) => c.options))];
  return new Set(all.filter((o) => o.value).map((o) => o.name));
}
function tokenize(argv, valued) {
  const positionals = [];
  const flags = [];
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
function selectCommand(tree, positionals, wantsHelp) {
  const [groupName, commandName] = positionals;
  if (groupName === undefined) return { help: true };
  const group = tree.find((g) => g.name === groupName);
  if (!group) {
    throw new UsageError(`unknown command "${groupName}"; try: ${tree.map((g) => g.name).join(", ")}`);
  }
  if (commandName === undefined) {
    if (wantsHelp) return { help: true, group };
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
function readOptions(command, flags, ctx) {
  const specs = [...command.options, ...GLOBAL_OPTIONS];
  const options = {};
  for (const flag of flags) {
    const spec = specs.find((s) => s.name === flag.name);
    if (!spec) throw new UsageError(`unknown option --${flag.name} for "${command.name}"; see --help`);
    if (!spec.value) {
      if (flag.value !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      options[spec.name] = true;
    } else {
      options[spec.name] = checked(spec, flag.value ?? "", `--${spec.name}`, ctx);
    }
  }
  return options;
}
function checked(spec, raw, label, ctx) {
  const value = parseValue(spec.value ?? "text", raw, label, ctx);
  if (typeof value === "object") throw new UsageError(value.error);
  return value;
}
function applyEnvironment(options, env, ctx) {
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
export function parseArgv(tree, argv, opts = {}) {
  const ctx = {
    knownPresets: opts.knownPresets,
    maxTtlSeconds: opts.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS,
  };
  const { positionals, flags } = tokenize(argv, valuedOptions(tree));
  const wantsHelp = flags.some((f) => f.name === "help");
  if (positionals.length === 0 && flags.length === 1 && flags[0]?.name === "version")
    return { kind: "version" };
  const selected = selectCommand(tree, positionals, wantsHelp);
  if ("help" in selected) return { kind: "help", group: selected.group };
  const { group, command } = selected;
  const options = readOptions(command, flags, ctx);
  if (wantsHelp) return { kind: "help", group, command };
  const rest = positionals.slice(2);
  const args = {};
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
export function validateArgv(tree, argv, opts = {}) {
  try {
    parseArgv(tree, argv, opts);
    return { ok: true };
  } catch (err) {
    if (err instanceof UsageError) return { ok: false, message: err.message };
    throw err;
  }
}
