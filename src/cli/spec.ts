/**
 * The vocabulary of a declared command line. Both CLIs declare their commands as data with these types; parsing,
 * help, shell completions and validation of documented command lines all read the same declarations. The parsed
 * values' TypeScript types are inferred from the declarations too, so a handler reads `options.port` as a number
 * because its option says `value: "port"`.
 */
import type { BuiltinType } from "./values.js";

/** A parsed scalar: strings stay strings, numbers become numbers, flags become true. */
export type Scalar = string | number | boolean;
/** A parsed value: one scalar, or the list an option with `many` collects. */
export type Value = Scalar | readonly string[];

/** `T` names the value types a CLI knows: the built-in ones plus its own. */
export interface OptionSpec<T extends string = BuiltinType> {
  /** Long name without dashes, e.g. "reason". */
  readonly name: string;
  /** Takes a value of this type; a boolean flag when absent. */
  readonly value?: T;
  /** The only values accepted, after the type's own check; help shows them as a|b|c. */
  readonly choices?: readonly string[];
  /** The placeholder in help, e.g. TEXT. */
  readonly placeholder?: string;
  readonly description: string;
  readonly env?: string;
  readonly default?: string;
  readonly required?: boolean;
  /** Takes one or more values: every word after it up to the next option (`--baseline a.json b.json`). */
  readonly many?: boolean;
  /** Options and arguments that may not be given with this one. */
  readonly conflicts?: readonly string[];
  /** Options and arguments that must be given with this one. */
  readonly requires?: readonly string[];
}

export interface ArgumentSpec<T extends string = BuiltinType> {
  readonly name: string;
  readonly value: T;
  readonly required: boolean;
  readonly description: string;
  /** The only values accepted, after the type's own check. */
  readonly choices?: readonly string[];
  /** The last argument only: takes every remaining positional, as a list. */
  readonly many?: boolean;
}

/** What the parser needs of a command: its name (the words that select it) and its declared inputs. */
export interface CommandShape<T extends string = BuiltinType> {
  readonly name: string;
  readonly args: readonly ArgumentSpec<T>[];
  readonly options: readonly OptionSpec<T>[];
}

/** Parsed values by name. A name that was not given and has no default is absent. */
export type Values = Readonly<Record<string, Value | undefined>>;

type ValueOf<V, Types> = V extends keyof Types ? Types[V] : string;

/** A value with declared choices is one of them; else its value type's. */
type Chosen<S, V, Types> = S extends { readonly choices: readonly (infer C extends string)[] }
  ? C
  : ValueOf<V, Types>;

/** The parsed type of one option: a flag is `true`, `many` collects strings, else its value type's. */
type OptionValue<O, Types> = O extends { readonly value: infer V }
  ? O extends { readonly many: true }
    ? readonly string[]
    : Chosen<O, V, Types>
  : true;

/** Present whatever the user typed: required, or with a default to fall back on. */
type AlwaysThere<O> = O extends { readonly required: true }
  ? true
  : O extends { readonly default: string }
    ? true
    : false;

/** The options a handler receives, typed from their declarations; an option that may be absent may be undefined. */
export type OptionsOf<Os extends readonly OptionSpec<string>[], Types> = {
  readonly [O in Os[number] as O["name"]]: AlwaysThere<O> extends true
    ? OptionValue<O, Types>
    : OptionValue<O, Types> | undefined;
};

type ArgumentValue<A, Types> = A extends { readonly many: true }
  ? readonly string[]
  : A extends { readonly value: infer V }
    ? Chosen<A, V, Types>
    : never;

/** The arguments a handler receives, typed from their declarations. */
export type ArgsOf<As extends readonly ArgumentSpec<string>[], Types> = {
  readonly [A in As[number] as A["name"]]: A extends { readonly required: true }
    ? ArgumentValue<A, Types>
    : ArgumentValue<A, Types> | undefined;
};

/** What a handler is called with: its own arguments and options, and every global option, typed. */
export interface CommandInput<Args, Options> {
  readonly args: Args;
  readonly options: Options;
}

/**
 * One command, declared once. `Ctx` is what its CLI hands every handler besides the parsed input (nemesis-ctl's
 * output and API client, say). The handler loads what it needs when it runs, so declaring a command costs nothing
 * at start-up.
 */
export interface CommandSpec<T extends string = string, Ctx = unknown> extends CommandShape<T> {
  /** The words that select it, e.g. "twin serve" or "throughput status". */
  readonly name: string;
  readonly summary: string;
  readonly examples?: readonly string[];
  /** Reads nothing remote, so a CLI need not resolve where the API is before running it (the config commands). */
  readonly local?: boolean;
  /** Runs with the declared arguments and options checked, defaults filled in. Method syntax: see `command()`. */
  run(input: CommandInput<Values, Values>, ctx: Ctx): Promise<number>;
}

/** A group of commands: the first word of their names, with what the group is for. */
export interface GroupSpec {
  readonly name: string;
  readonly summary: string;
}

/** A whole CLI, declared once: help, parsing, completions and the docs checker read it. */
export interface CliSpec<T extends string = string, Ctx = unknown> {
  readonly program: string;
  readonly summary: string;
  /** How to read each value type the declarations use. */
  readonly types: { readonly [K in T]: import("./values.js").ValueParser };
  readonly groups: readonly GroupSpec[];
  /** In the order help lists them. */
  readonly commands: readonly CommandSpec<T, Ctx>[];
  /** Options every command takes besides its own. */
  readonly globals: readonly OptionSpec<T>[];
  /** Exit codes and what each means, for help. */
  readonly exitCodes: readonly (readonly [number, string])[];
}
