import type { CommandShape, OptionSpec } from "./spec.js";

/** `--name PLACEHOLDER`, or `--name a|b|c` for a choice, or `--name` for a flag. */
export function flagText(o: OptionSpec<string>): string {
  if (!o.value) return `--${o.name}`;
  const placeholder = o.placeholder ?? o.choices?.join("|") ?? "VALUE";
  return `--${o.name} ${placeholder}${o.many ? ` [${placeholder} …]` : ""}`;
}

/** One line of an options list: the flag, what it does, and where its value comes from when not given. */
export function optionLine(o: OptionSpec<string>): string {
  const extras = [o.env ? `env ${o.env}` : "", o.default !== undefined ? `default ${o.default}` : ""].filter(
    Boolean,
  );
  const flag = flagText(o);
  // A long flag (a choice of many values) puts its description on the next line, still in the column.
  const column = flag.length > 22 ? `${flag}\n  ${"".padEnd(22)}` : flag.padEnd(22);
  return `  ${column} ${o.description}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}

/** `program words ARG [ARG] --required X [--optional Y]`, from the declaration. */
export function usageLine(program: string, command: CommandShape<string>): string {
  const args = command.args.map((a) => {
    const name = `${a.name.toUpperCase()}${a.many ? "…" : ""}`;
    return a.required ? name : `[${name}]`;
  });
  const options = command.options.map((o) => (o.required ? flagText(o) : `[${flagText(o)}]`));
  return [program, command.name, ...args, ...options].join(" ");
}
