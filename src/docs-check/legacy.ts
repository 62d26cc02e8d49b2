import { COMMANDS, type CommandSpec, GLOBAL_OPTIONS, type OptionSpec, PROGRAM } from "../ctl/index.js";

/** The old Bash tool's subcommand and its action flags, each with the command that replaces it. */
const LEGACY_GROUP = "throughput-policy";
const NEW_GROUP = "throughput";
const ACTIONS: Readonly<Record<string, string>> = {
  "--policy-status": "status",
  "--policy-set": "set",
  "--policy-override": "override",
  "--policy-clear": "clear",
};

export interface LegacyTranslation {
  /** The nemesis-ctl command line that does the same, with placeholders for what the old call did not say. */
  replacement: string | null;
  /** Options of the old call that have no equivalent, as written. */
  dropped: string[];
}

/** A word as the runbooks write it: bare when it is safe, else in double quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `"${word.replace(/["\\$`]/g, "\\$&")}"`;
}

function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === `${NEW_GROUP} ${name}`);
}

/**
 * What replaces one call of the old Bash tool (its argv, after `nemesis-ctl.sh`), read from nemesis-ctl's own
 * command tree: the action flag picks the command, a value after it is the preset, options the command knows are
 * kept, and required ones the old call lacked become placeholders (`--reason TEXT`). Null when it is not a call
 * of `throughput-policy` with one action flag.
 */
export function translateLegacy(argv: readonly string[]): LegacyTranslation {
  const nameOf = (word: string) => word.split("=")[0] ?? "";
  const action = argv.map(nameOf).find((name) => name in ACTIONS) ?? "";
  const command = commandNamed(ACTIONS[action] ?? "");
  if (!argv.includes(LEGACY_GROUP) || !command) return { replacement: null, dropped: [] };
  const known: readonly OptionSpec[] = [...command.options, ...GLOBAL_OPTIONS];
  const positionals: string[] = [];
  const options: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? "";
    if (word === LEGACY_GROUP) continue;
    if (!word.startsWith("--")) {
      positionals.push(word);
      continue;
    }
    const name = nameOf(word).slice(2);
    const isAction = `--${name}` === action;
    const spec = known.find((o) => o.name === name);
    // An option the new tool does not know is read as the old tool wrote them all: `--name value`.
    const takesValue = isAction ? command.args.length > 0 : spec ? spec.value !== undefined : true;
    const next = argv[i + 1];
    let value = word.includes("=") ? word.slice(word.indexOf("=") + 1) : undefined;
    if (value === undefined && takesValue && next !== undefined && !next.startsWith("--")) value = argv[++i];
    const written = value === undefined ? [`--${name}`] : [`--${name}`, value];
    if (isAction) positionals.unshift(...(value === undefined ? [] : [value]));
    else if (spec) options.push(...written);
    else dropped.push(written.join(" "));
  }
  const args = command.args.flatMap((a, i) => positionals[i] ?? (a.required ? [a.name.toUpperCase()] : []));
  const missing = command.options
    .filter((o) => o.required && !options.includes(`--${o.name}`))
    .flatMap((o) => [`--${o.name}`, o.placeholder ?? "VALUE"]);
  const words = [PROGRAM, ...command.name.split(" "), ...args, ...options, ...missing];
  return { replacement: words.map(shellWord).join(" "), dropped };
}
