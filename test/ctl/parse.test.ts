import { describe, expect, it } from "vitest";
import { commandHelp, type OptionSpec, programHelp } from "../../src/cli/index.js";
import {
  COMMANDS,
  formatDuration,
  GLOBAL_OPTIONS,
  nemesisCtl,
  parseArgv,
  parseDuration,
  validateArgv,
} from "../../src/ctl/index.js";

describe("DURATION", () => {
  it.each([
    ["90s", 90],
    ["15m", 900],
    ["2h", 7200],
    ["1h30m", 5400],
    ["1h30m15s", 5415],
    ["20", 1200],
  ])("%s is %i seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it("refuses a zero duration, saying it must be longer", () => {
    expect(parseDuration("0")).toBe('duration "0" must be longer than zero');
  });

  it.each(["-5", "abc", "1x", "", "h", "1.5h", "30m1h"])(
    "%j is refused, naming it and the forms it takes",
    (text) => {
      expect(parseDuration(text)).toBe(
        `${JSON.stringify(text)} is not a duration; use 90s, 15m, 2h or 1h30m (a bare number means minutes)`,
      );
    },
  );

  it.each([
    [1200, "20m"],
    [5415, "1h30m15s"],
    [0, "0s"],
    [3600, "1h"],
  ])("%i formats as %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe("the command tree", () => {
  it("gives each option name one meaning, so a completion script skips the same words for every command", () => {
    const kinds = new Map<string, string>();
    const all: readonly OptionSpec<string>[] = [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)];
    for (const o of all) {
      const kind = o.value ? "valued" : "flag";
      expect(kinds.get(o.name) ?? kind, o.name).toBe(kind);
      kinds.set(o.name, kind);
    }
  });

  it("drives the help: every command, option and exit code appears in it", () => {
    const cli = nemesisCtl();
    const top = programHelp(cli);
    for (const command of COMMANDS) {
      expect(top).toContain(`nemesis-ctl ${command.name}`);
      const own = commandHelp(cli, command);
      for (const o of command.options) expect(own).toContain(`--${o.name}`);
      for (const a of command.args)
        expect(own).toMatch(new RegExp(`^arguments:\\n(.*\\n)*  ${a.name.toUpperCase()} `, "m"));
    }
    for (const code of [0, 1, 2, 3, 4, 5]) expect(top).toMatch(new RegExp(`^  ${code}  `, "m"));
  });
});

describe("validateArgv: the docs checker's entry point, which runs nothing", () => {
  it("accepts the documented forms", () => {
    for (const argv of [
      ["throughput", "status"],
      ["throughput", "status", "--json", "--api-url", "https://nemesis:7443/api"],
      ["throughput", "override", "aggressive", "--ttl", "1h30m", "--reason", "nightly import", "--replace"],
      ["throughput", "override", "aggressive", "--ttl=20m", "--reason=x"],
      ["throughput", "revert", "--to", "balanced", "--reason", "rollback"],
      ["throughput", "history", "--since", "2h"],
      ["throughput", "snapshot", "--out", "status.json"],
      ["--help"],
      ["--version"],
      ["throughput", "set", "--help"],
      ["throughput"],
    ]) {
      expect(validateArgv(argv), argv.join(" ")).toEqual({ ok: true });
    }
  });

  it("checks preset names against a given catalog", () => {
    const presets = ["conservative", "balanced", "aggressive"];
    expect(validateArgv(["throughput", "set", "turbo", "--reason", "x"], { knownPresets: presets })).toEqual({
      ok: false,
      message: 'unknown preset "turbo" (known: conservative, balanced, aggressive)',
    });
    expect(validateArgv(["throughput", "set", "turbo", "--reason", "x"])).toEqual({ ok: true });
  });

  it("honours a catalog's longest TTL", () => {
    expect(
      validateArgv(["throughput", "override", "aggressive", "--ttl", "2h", "--reason", "x"], {
        maxTtlSeconds: 3600,
      }),
    ).toEqual({
      ok: false,
      message: "--ttl 2h is longer than the maximum of 1h",
    });
  });

  it("reads environment variables only when given, and flags win over them", () => {
    const parsed = parseArgv(["throughput", "status", "--user", "ops"], {
      env: { NEMESIS_API_URL: "http://127.0.0.1:1/api", NEMESIS_API_USER: "env-user", NO_COLOR: "1" },
    });
    expect(parsed.kind === "run" && parsed.options).toMatchObject({
      "api-url": "http://127.0.0.1:1/api",
      user: "ops",
      password: "n",
      "no-color": true,
      timeout: 10,
    });
    const defaults = parseArgv(["throughput", "status"]);
    expect(defaults.kind === "run" && defaults.options["api-url"]).toBe("https://nemesis:7443/api");
    expect(defaults.kind === "run" && defaults.options.insecure).toBeUndefined();
  });
});
