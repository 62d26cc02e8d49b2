import { describe, expect, it } from "vitest";
import * as cli from "../../src/cli/index.js";
import { CliError, EXIT_USAGE, UserError } from "../../src/common/index.js";

describe("UserError", () => {
  it("exits 2 and is named after its subclass", () => {
    class ProfileError extends UserError {}
    const err = new ProfileError("x");
    expect(err.exitCode).toBe(EXIT_USAGE);
    expect(EXIT_USAGE).toBe(2);
    expect(err.name).toBe("ProfileError");
    expect(err).toBeInstanceOf(CliError);
  });

  it("is the very class the CLI layer re-exports, so the CLIs recognise a part's error by instanceof", () => {
    expect(cli.UserError).toBe(UserError);
    expect(cli.CliError).toBe(CliError);
    expect(new UserError("x")).toBeInstanceOf(cli.CliError);
    expect(new cli.UsageError("x")).toBeInstanceOf(UserError);
  });
});
