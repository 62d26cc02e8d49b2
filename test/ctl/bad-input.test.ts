import { describe, expect, it } from "vitest";
import { ctl, tp, twin } from "./helpers.js";

/** Each case: argv, extra environment, and what the one-line message must name. All exit 2. */
const CASES: [string, string[], Record<string, string>, RegExp][] = [
  [
    "unknown preset (override)",
    tp("override", "turbo", "--ttl", "20m", "--reason", "x"),
    {},
    /unknown preset "turbo"/,
  ],
  ["unknown preset (set)", tp("set", "turbo", "--reason", "x"), {}, /unknown preset "turbo"/],
  [
    "unknown preset (revert --to)",
    tp("revert", "--to", "turbo", "--reason", "x"),
    {},
    /unknown preset "turbo"/,
  ],
  ["malformed preset name", tp("set", "Aggressive", "--reason", "x"), {}, /unknown preset "Aggressive"/],
  [
    "TTL 0",
    tp("override", "aggressive", "--ttl", "0", "--reason", "x"),
    {},
    /duration "0" must be longer than zero/,
  ],
  [
    "TTL -5",
    tp("override", "aggressive", "--ttl", "-5", "--reason", "x"),
    {},
    /--ttl: "-5" is not a duration/,
  ],
  [
    "TTL abc",
    tp("override", "aggressive", "--ttl", "abc", "--reason", "x"),
    {},
    /--ttl: "abc" is not a duration/,
  ],
  [
    "TTL 25h",
    tp("override", "aggressive", "--ttl", "25h", "--reason", "x"),
    {},
    /--ttl 25h is longer than the maximum of 24h/,
  ],
  [
    "TTL 1x",
    tp("override", "aggressive", "--ttl", "1x", "--reason", "x"),
    {},
    /--ttl: "1x" is not a duration/,
  ],
  ["TTL 0m", tp("override", "aggressive", "--ttl", "0m", "--reason", "x"), {}, /must be longer than zero/],
  ["TTL empty", tp("override", "aggressive", "--ttl=", "--reason", "x"), {}, /--ttl: "" is not a duration/],
  [
    "missing --ttl",
    tp("override", "aggressive", "--reason", "x"),
    {},
    /"throughput override" needs --ttl DURATION/,
  ],
  [
    "missing --reason (override)",
    tp("override", "aggressive", "--ttl", "20m"),
    {},
    /"throughput override" needs --reason TEXT/,
  ],
  ["missing --reason (set)", tp("set", "aggressive"), {}, /"throughput set" needs --reason TEXT/],
  ["missing --reason (clear)", tp("clear"), {}, /"throughput clear" needs --reason TEXT/],
  ["missing --reason (revert)", tp("revert"), {}, /"throughput revert" needs --reason TEXT/],
  ["blank --reason", tp("set", "aggressive", "--reason", "   "), {}, /--reason must not be empty/],
  ["missing PRESET", tp("set", "--reason", "x"), {}, /"throughput set" needs PRESET/],
  [
    "extra argument",
    tp("set", "aggressive", "balanced", "--reason", "x"),
    {},
    /unexpected argument "balanced"/,
  ],
  ["unknown flag", tp("status", "--verbose"), {}, /unknown option --verbose for "throughput status"/],
  ["flag given a value", tp("status", "--json=yes"), {}, /--json takes no value/],
  ["short option", tp("status", "-v"), {}, /unknown option -v/],
  [
    "unknown subcommand",
    tp("explode"),
    {},
    /unknown command "throughput explode"; commands: throughput status, throughput presets/,
  ],
  [
    "unknown group",
    ["queues", "status"],
    {},
    /unknown command "queues"; try: completion, throughput, config/,
  ],
  [
    "--api-url without a scheme",
    tp("status", "--api-url", "nemesis:7443/api"),
    {},
    /--api-url must be an http:\/\/ or https:\/\/ URL, got "nemesis:7443\/api"/,
  ],
  [
    "--api-url with another scheme",
    tp("status", "--api-url", "ftp://nemesis/api"),
    {},
    /--api-url must be an http/,
  ],
  [
    "NEMESIS_API_URL without a scheme",
    tp("status"),
    { NEMESIS_API_URL: "localhost:8080/api" },
    /NEMESIS_API_URL must be an http/,
  ],
  [
    "--timeout not a number",
    tp("status", "--timeout", "abc"),
    {},
    /--timeout must be a number above 0, got "abc"/,
  ],
  ["--timeout zero", tp("status", "--timeout", "0"), {}, /--timeout must be a number above 0/],
  ["--watch zero", tp("status", "--watch", "0"), {}, /--watch must be a whole number of seconds above 0/],
  [
    "--watch not a number",
    tp("status", "--watch", "soon"),
    {},
    /--watch must be a whole number of seconds above 0, got "soon"/,
  ],
  ["--since not a duration", tp("history", "--since", "forever"), {}, /--since: "forever" is not a duration/],
  ["missing --out", tp("snapshot"), {}, /"throughput snapshot" needs --out FILE/],
  ["value missing at the end", tp("status", "--timeout"), {}, /--timeout needs a value/],
];

describe("nemesis-ctl: bad input", () => {
  it.each(CASES)("%s: exit 2, one line naming it, no stack trace", async (_label, argv, env, message) => {
    const t = await twin();
    const r = await ctl(t, argv, env.NEMESIS_API_URL ? env : { ...env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^nemesis-ctl: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.match(/see nemesis-ctl --help/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("changes nothing on the API", async () => {
    const t = await twin();
    for (const [, argv, env] of CASES) await ctl(t, argv, env);
    const log = (await import("./helpers.js")).call;
    const requests = (await log(t, "GET", "/__twin/requests")).json.requests;
    expect(requests.filter((r: { method: string }) => r.method !== "GET")).toEqual([
      expect.objectContaining({ method: "POST", status: 422 }),
      expect.objectContaining({ method: "PUT", status: 422 }),
      expect.objectContaining({ method: "POST", status: 422 }),
    ]);
  });

  it("shows the stack only with --debug", async () => {
    const r = await ctl(await twin(), tp("status", "--timeout", "abc", "--debug"));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/UsageError: --timeout must be a number/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe("nemesis-ctl: typos name the nearest command or flag", () => {
  it.each([
    [
      tp("stauts"),
      'unknown command "throughput stauts"; did you mean "throughput status"? (see nemesis-ctl throughput --help)',
    ],
    [
      ["throughpt", "status"],
      'unknown command "throughpt status"; did you mean "throughput status"? (see nemesis-ctl --help)',
    ],
    [
      tp("status", "--jsn"),
      'unknown option --jsn for "throughput status"; did you mean "--json"? (see nemesis-ctl throughput status --help)',
    ],
    [
      tp("set", "balanced", "--reasn", "x"),
      'unknown option --reasn for "throughput set"; did you mean "--reason"? (see nemesis-ctl throughput set --help)',
    ],
  ])("%j", async (argv, message) => {
    const r = await ctl(null, argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`nemesis-ctl: ${message}`);
  });
});
