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
