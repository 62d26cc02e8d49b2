/**
 * The declarative command line both CLIs share: option and argument specs, value types with their checks, parsing,
 * help lines, the errors that carry their exit code, and the main runner. It imports nothing heavy, because
 * nemesis-ctl's start-up time matters.
 */
export { apiUrlOption, CREDENTIAL_OPTIONS } from "./api-options.js";
export { commandDeclarer, type TypedCommand } from "./command.js";
export { completionCommand, completionScript, SHELLS, type Shell } from "./completion.js";
export { CliError, EXIT_USAGE, UsageError, UserError } from "./errors.js";
export { commandHelp, flagText, groupHelp, helpFor, optionLine, programHelp, usageLine } from "./help.js";
export {
  checkRelations,
  type Flag,
  type ParseContext,
  type ParsedCommand,
  parseCommand,
  readArguments,
  readCommand,
  readOptions,
  requireOptions,
  type Tokens,
  tokenize,
  valuedOptions,
} from "./parse.js";
export {
  type CliContext,
  type CliRequest,
  groupCommands,
  helpTarget,
  parseCli,
  unknownCommand,
  validateCli,
} from "./select.js";
export type {
  ArgsOf,
  ArgumentSpec,
  CliSpec,
  CommandInput,
  CommandShape,
  CommandSpec,
  GroupSpec,
  OptionSpec,
  OptionsOf,
  Scalar,
  Value,
  Values,
} from "./spec.js";
export { runMain } from "./stdout.js";
export { didYouMean, helpHint, nearest } from "./suggest.js";
export {
  BUILTIN_TYPES,
  type BuiltinType,
  type BuiltinTypes,
  MAX_TIMEOUT_SECONDS,
  type ParsedTypes,
  parseValue,
  type ValueParser,
} from "./values.js";
export { packageVersion } from "./version.js";
