import { describe, expect, it } from "vitest";
import { type ApiTarget, drainLive, parseProfile } from "../../src/drain/index.js";
import { builtBin } from "../cli.js";
import { endless, type Handler, hostile, json, stalled } from "../ctl/hostile-server.js";
import { runHostile } from "../hostile-run.js";
import { profile } from "./helpers.js";

/** The URL with a user and password in it, as someone might paste it. */
const withPassword = (url: string) => url.replace("http://", "http://admin:hunter2@");

interface Case {
  name: string;
  server: Handler;
  target?: Partial<ApiTarget>;
  /** Give the API URL with a user and password in it. */
  password?: boolean;
  error: RegExp;
}

/** One row per hostile API: the drain collector gives up with a DrainError naming why, and soon. */
const CASES: Case[] = [
  { name: "a 1 GB body is cut off at 8 MB", server: endless(), error: /larger than 8 MB/ },
  {
    name: "a body that never finishes times out, naming the call and the server",
    server: stalled,
    target: { timeoutSeconds: 0.3 },
    error:
      /^GET \/api\/workflows\/throughput-policy\/presets on http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within 0\.3 s$/,
  },
  {
    name: "headers that never come time out",
    server: () => {},
    target: { timeoutSeconds: 0.3 },
    error:
      /^GET \/api\/workflows\/throughput-policy\/presets on http:\/\/127\.0\.0\.1:\d+: no answer within 0\.3 s$/,
  },
  {
    name: "a password in the URL is sent as nothing and named nowhere",
    server: json({ error: { code: "boom", message: "down", field: null } }, 500),
    password: true,
    error:
      /^GET \/api\/workflows\/throughput-policy\/presets on http:\/\/127\.0\.0\.1:\d+ answered HTTP 500: down$/,
  },
];

describe("the drain collector against a hostile API", () => {
  it.each(CASES)("$name", async (c) => {
    const url = await hostile(c.server);
    const target = { url: c.password ? withPassword(url) : url, ...c.target };
    const run = drainLive(target, profile("idle"), { intervalSeconds: 1, durationSeconds: 1 });
    await expect(run).rejects.toMatchObject({ name: "DrainError", message: expect.stringMatching(c.error) });
    await expect(run).rejects.not.toMatchObject({ message: expect.stringMatching(/hunter2/) });
  });
});

interface CliCase {
  name: string;
  server: Handler | null;
  /** The --api-url; the server's URL goes where URL is. */
  apiUrl: string;
  args: string[];
  exit: number;
  stderr: RegExp;
}

const GATE = builtBin("gate/cli.js");
const LIVE = ["--profile", "fixtures/profiles/idle.json", "--duration", "1", "--interval", "1"];

/** One row per hostile live API given to `drain --api-url`: one line, exit 2, never the password. */
const CLI_CASES: CliCase[] = [
  {
    name: "a body that stalls, behind a URL with a password",
    server: stalled,
    apiUrl: "http://admin:hunter2@URL",
    args: ["--timeout", "0.5"],
    exit: 2,
    stderr:
      /^throughput-gate: GET \/api\/workflows\/throughput-policy\/presets on http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within 0\.5 s$/,
  },
  {
    name: "an --api-url that is not http keeps its password to itself",
    server: null,
    apiUrl: "ftp://admin:hunter2@nemesis/api",
    args: [],
    exit: 2,
    stderr:
      /^throughput-gate: --api-url must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/admin:\*\*\*@nemesis\/api"/,
  },
  {
    name: "a --timeout past an hour",
    server: null,
    apiUrl: "http://127.0.0.1:9/api",
    args: ["--timeout", "86400"],
    exit: 2,
    stderr: /^throughput-gate: --timeout must be at most 3600 seconds \(1h\), got 86400/,
  },
];

describe("drain --api-url against a hostile live API", () => {
  it.each(CLI_CASES)("$name", async (c) => {
    const served = c.server ? (await hostile(c.server)).replace("http://", "") : "";
    const r = await runHostile(GATE, [
      "drain",
      ...LIVE,
      "--api-url",
      c.apiUrl.replace("URL", served),
      ...c.args,
    ]);
    expect(r.exitCode).toBe(c.exit);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(c.stderr);
  });
});

const PROFILE_CASES: [string, Record<string, unknown>, RegExp][] = [
  [
    "rate_per_second 1e12",
    { pattern: "steady", rate_per_second: 1e12, duration_seconds: 60 },
    /\$\.arrivals\[0\]\.rate_per_second: must be <= 1000/,
  ],
  [
    "a steady stream past the job limit",
    { pattern: "steady", rate_per_second: 500, duration_seconds: 3600 },
    /\$\.arrivals\[0\]\.rate_per_second: the arrivals expect about 1800000 jobs; the limit is 100000/,
  ],
];

describe("drain --profile refuses a profile that would overwhelm the twin", () => {
  it.each(PROFILE_CASES)("%s", (_name, arrival, error) => {
    const raw = { ...profile("idle"), arrivals: [{ queue: "new_file", ...arrival }] };
    expect(() => parseProfile(raw, "hostile.json")).toThrow(error);
  });
});
