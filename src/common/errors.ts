/** Exit code for input the user has to fix: a flag, an argument, or a file they named. */
export const EXIT_USAGE = 2;

/** An error the CLI reports as one line and ends with its own exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The user's input is wrong: a flag, an argument, a file they named or its content. Exit 2. It lives here, not in
 * the CLI layer, because the parts that read the user's files (benchmarks, drain profiles, scenarios, docs
 * contracts, bundles) raise it without depending on a command line.
 */
export class UserError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT_USAGE, options);
  }
}

/**
 * What was thrown, as the text a message quotes: its own `message` where it has one (an Error from any realm),
 * else the value itself. `catch` gives `unknown`, and a library may throw anything.
 */
export function errorMessage(err: unknown): string {
  return ownMessage(err) ?? String(err);
}

/** The `message` a thrown value carries, if it carries one as text. */
export function ownMessage(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "message" in err && typeof err.message === "string") {
    return err.message;
  }
  return undefined;
}

/** The system's code of a failed call (`ENOENT`, `EPERM`), when what was thrown carries one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string")
    return err.code;
  return undefined;
}
