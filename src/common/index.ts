/**
 * Small utilities every part shares, each written once: a plain-text table, an atomic file write that refuses
 * special targets, reading a bounded regular (JSON) file with an error that names it, a capped read of an HTTP
 * answer, URLs with their passwords hidden for messages, rounding, escaping text for a terminal and for GitHub's
 * workflow commands, `UserError` with its exit code, and the one ajv with its compiled-validator cache. It imports no other part, so any part may import it (except the policy engine,
 * which imports nothing).
 */
export { type AtomicWriteOptions, writeFileAtomic } from "./atomic-write.js";
export {
  type CappedSource,
  MAX_RESPONSE_BYTES,
  ResponseTooLarge,
  readCappedSource,
} from "./capped-body.js";
export { endChildGroups, endOrphanedGroups, execaInGroup } from "./child-groups.js";
export { CliError, EXIT_USAGE, errnoCode, errorMessage, UserError } from "./errors.js";
export {
  checkWriteTarget,
  FileKindError,
  fileKind,
  MAX_INPUT_BYTES,
  type RegularFileOptions,
  readRegularFile,
} from "./file-kind.js";
export { bodyTimeoutMessage, callName } from "./http-call.js";
export {
  type ErrorClass,
  isJsonObject,
  type JsonFileOptions,
  jsonSyntaxError,
  readJsonFile,
} from "./json-file.js";
export { packagePath } from "./package-root.js";
export { isProcessAlive } from "./process-alive.js";
export { redactUrl } from "./redact-url.js";
export { round3, roundTo } from "./round.js";
export { table } from "./table.js";
export { escapeForTerminal } from "./terminal.js";
export { escapeData, escapeProperty } from "./workflow-command.js";
