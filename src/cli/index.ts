/**
 * The declarative command line both CLIs share: option and argument specs, value types with their checks, parsing,
 * help lines, the errors that carry their exit code, and the main runner. It imports nothing heavy, because
 * nemesis-ctl's start-up time matters.
 */
export { apiUrlOption, CREDENTIAL_OPTIONS } from "./api-options.js";
export { CliError, EXIT_USAGE, UsageError, UserError } from "./errors.js";
export { flagText, optionLine, usageLine } from "./help.js";
export {
  type Flag,
  fillFromEnvironment,
  type ParseContext,
  type ParsedCommand,
  parseCommand,
  readArguments,
  readOptions,
  requireOptions,
  type Tokens,
  tokenize,
  valuedOptions,
} from "./parse.js";
export type { ArgumentSpec, CommandShape, OptionSpec, Scalar, Value, Values } from "./spec.js";
export { runMain } from "./stdout.js";
export { didYouMean, helpHint, nearest } from "./suggest.js";
export {
  BUILTIN_TYPES,
  type BuiltinType,
  MAX_TIMEOUT_SECONDS,
  parseValue,
  type ValueParser,
} from "./values.js";
export { packageVersion } from "./version.js";
