import { UserError } from "../common/errors.js";

export { CliError, EXIT_USAGE, UserError } from "../common/errors.js";

/** The command line itself is wrong (unknown command or option, missing or malformed value): help can show why. */
export class UsageError extends UserError {}
