/**
 * The vocabulary of a declared command line. Each CLI declares its commands as data with these types; parsing,
 * help and validation of documented command lines all read the same declarations.
 */
import type { BuiltinType } from "./values.js";

/** A parsed scalar: strings stay strings, numbers become numbers, flags become true. */
export type Scalar = string | number | boolean;
/** A parsed value: one scalar, or the list an option with `many` collects. */
export type Value = Scalar | readonly string[];

/** `T` names the value types a CLI knows: the built-in ones plus its own. */
export interface OptionSpec<T extends string = BuiltinType> {
  /** Long name without dashes, e.g. "reason". */
  name: string;
  /** Takes a value of this type; a boolean flag when absent. */
  value?: T;
  /** The only values accepted, after the type's own check; help shows them as a|b|c. */
  choices?: readonly string[];
  /** The placeholder in help, e.g. TEXT. */
  placeholder?: string;
  description: string;
  env?: string;
  default?: string;
  required?: boolean;
  /** Takes one or more values: every word after it up to the next option (`--baseline a.json b.json`). */
  many?: boolean;
}

export interface ArgumentSpec<T extends string = BuiltinType> {
  name: string;
  value: T;
  required: boolean;
  description: string;
  /** The last argument only: takes every remaining positional, as a list. */
  many?: boolean;
}

/** What the parser needs of a command: its name (the words that select it) and its declared inputs. */
export interface CommandShape<T extends string = BuiltinType> {
  name: string;
  args: readonly ArgumentSpec<T>[];
  options: readonly OptionSpec<T>[];
}

export type Values = Record<string, Value>;
