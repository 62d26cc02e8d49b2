/** nemesis-ctl: the command tree, its parser and validation. Importing this runs nothing. */
export { SNAPSHOT_KIND } from "./commands/snapshot.js";
export { formatDuration, parseDuration } from "./duration.js";
export { CtlError, UsageError } from "./errors.js";
export { GLOBAL_OPTIONS } from "./globals.js";
export { type Parsed, type ParseOptions, parseArgv, validateArgv } from "./parse.js";
export * from "./spec.js";
export { COMMANDS, nemesisCtl, PROGRAM } from "./tree.js";
