import { describe, expect, it } from "vitest";
import {
  BUILTIN_TYPES,
  CliError,
  type CommandShape,
  optionLine,
  parseCommand,
  UsageError,
  UserError,
  usageLine,
} from "../../src/cli/index.js";

const compare: CommandShape = {
  name: "bench compare",
  args: [
    { name: "baseline", value: "text", required: true, description: "the baseline" },
    { name: "candidate", value: "text", required: true, description: "the candidate" },
  ],
  options: [
    {
      name: "format",
      value: "text",
      choices: ["text", "json"],
      default: "text",
      description: "how to print",
    },
    { name: "only", value: "text", choices: ["intoto"], description: "one choice" },
    {
      name: "min-effect",
      value: "fraction",
      placeholder: "F",
      default: "0.05",
      description: "smallest change",
    },
    { name: "port", value: "port", placeholder: "N", description: "a port" },
    { name: "save", value: "name", placeholder: "NAME", description: "a plain name" },
    { name: "processes", value: "count", placeholder: "N", description: "how many" },
    { name: "profile", value: "file", placeholder: "FILE", env: "PROFILE", description: "a file" },
    { name: "json", description: "a flag" },
  ],
};
const ctx = { types: BUILTIN_TYPES, globals: [{ name: "help", description: "show help" }] };
const parse = (...argv: string[]) => parseCommand(compare, argv, ctx);

describe("parseCommand", () => {
  it("reads arguments, typed options and defaults", () => {
    expect(parse("a.json", "b.json", "--min-effect=0.1", "--port", "80", "--json")).toEqual({
      help: false,
      args: { baseline: "a.json", candidate: "b.json" },
      options: { "min-effect": 0.1, port: 80, json: true, format: "text" },
    });
  });

  it("takes an environment variable when the flag is absent", () => {
    const parsed = parseCommand(compare, ["a", "b"], { ...ctx, env: { PROFILE: "p.json" } });
    expect(parsed.help === false && parsed.options.profile).toBe("p.json");
  });

  it("answers help before checking arguments", () => expect(parse("--help")).toEqual({ help: true }));

  it.each([
    [["a"], /^"bench compare" needs CANDIDATE: the candidate$/],
    [["a", "b", "c"], /^unexpected argument "c" for "bench compare"$/],
    [["a", "b", "--strict"], /^unknown option --strict for "bench compare"$/],
    [["a", "b", "-x"], /^unknown option -x; options are long/],
    [["a", "b", "--format", "xml"], /^--format must be one of text, json, got "xml"$/],
    [["a", "b", "--only", "pdf"], /^--only takes intoto, got "pdf"$/],
    [["a", "b", "--min-effect", "1"], /^--min-effect must be a fraction between 0 and 1, got "1"$/],
    [["a", "b", "--port", "70000"], /^--port must be 0-65535, got "70000"$/],
    [["a", "b", "--save", "../x"], /^--save takes a plain name/],
    [["a", "b", "--processes", "0"], /^--processes must be a whole number above 0, got "0"$/],
    [["a", "b", "--json=yes"], /^--json takes no value$/],
    [["a", "b", "--port"], /^--port needs a value$/],
  ])("refuses %j with a UsageError naming it", (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
    expect(() => parse(...argv)).toThrow(UsageError);
  });
});

describe("help lines", () => {
  it("come from the declaration", () => {
    expect(usageLine("throughput-gate", compare)).toBe(
      "throughput-gate bench compare BASELINE CANDIDATE [--format text|json] [--only intoto] [--min-effect F] [--port N] [--save NAME] [--processes N] [--profile FILE] [--json]",
    );
    expect(optionLine(compare.options[2] as never)).toBe(
      "  --min-effect F         smallest change (default 0.05)",
    );
  });
});

describe("errors carry their exit code", () => {
  it("a UserError and a UsageError exit 2; a CliError names its own", () => {
    class ProfileError extends UserError {}
    expect(new ProfileError("x").exitCode).toBe(2);
    expect(new ProfileError("x").name).toBe("ProfileError");
    expect(new UsageError("x")).toBeInstanceOf(UserError);
    expect(new CliError("x", 4).exitCode).toBe(4);
  });
});

describe("required options, the environment, and declared relations", () => {
  const push = {
    name: "push",
    args: [],
    options: [
      { name: "token", value: "text", env: "PUSH_TOKEN", required: true, description: "the token" },
      { name: "user", value: "text", default: "n", requires: ["password"], description: "a user" },
      { name: "password", value: "text", requires: ["user"], description: "a password" },
      { name: "quiet", conflicts: ["verbose"], description: "less" },
      { name: "verbose", description: "more" },
    ],
  } as const;
  const run = (argv: string[], env: Record<string, string> = {}) =>
    parseCommand(push, argv, { types: BUILTIN_TYPES, env });

  it("takes a required option from its environment variable, and names the variable when neither is there", () => {
    expect(run([], { PUSH_TOKEN: "t" })).toMatchObject({ help: false, options: { token: "t" } });
    expect(() => run([])).toThrow('"push" needs --token (or set PUSH_TOKEN)');
  });

  it("refuses what conflicts and what lacks its partner, and never counts a default as given", () => {
    expect(() => run(["--token", "t", "--quiet", "--verbose"])).toThrow(
      "use either --quiet or --verbose, not both",
    );
    expect(() => run(["--token", "t", "--password", "p"])).toThrow("--password and --user go together");
    expect(run(["--token", "t"])).toMatchObject({ options: { user: "n" } });
    expect(run(["--token", "t", "--user", "u", "--password", "p"])).toMatchObject({
      options: { user: "u", password: "p" },
    });
  });
});
