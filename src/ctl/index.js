/** nemesis-ctl: the command tree, its parser and validation. Importing this runs nothing. */
import { parseArgv as parseWith, validateArgv as validateWith } from "./parse.js";
import { COMMAND_TREE } from "./tree.js";

export { SNAPSHOT_KIND } from "./commands/snapshot.js";
export { formatDuration, parseDuration } from "./duration.js";
export { CtlError, UsageError } from "./errors.js";
export { GLOBAL_OPTIONS } from "./globals.js";
export { helpText } from "./help.js";
export * from "./spec.js";
export { COMMAND_TREE, PROGRAM } from "./tree.js";
/** Parses nemesis-ctl's argv (without the program name) against the one command tree. Runs nothing. */
export const parseArgv = (argv, opts) => parseWith(COMMAND_TREE, argv, opts);
/** ok, or the one-line message nemesis-ctl would print for this argv. Runs nothing. */
export const validateArgv = (argv, opts) => validateWith(COMMAND_TREE, argv, opts);
