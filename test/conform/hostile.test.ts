import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { endless, hostile, stalled } from "../ctl/hostile-server.js";
import { MAX_RSS_MB, runHostile } from "../hostile-run.js";
import { twin } from "../twin/helpers.js";

const GATE = builtBin("gate/cli.js");

/** A server whose every answer says it is this many bytes long, and sends a little of it. */
const claimsHuge = (bytes: number) =>
  hostile((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes) });
    res.write("{");
  });

describe("conform against a server whose answers are too large", () => {
  it.each([
    ["an endless body", () => hostile(endless())],
    ["a 300 MB body", () => hostile(endless(300 * 1024 * 1024))],
    ["a Content-Length of 1 GB", () => claimsHuge(1024 ** 3)],
  ])("%s: refused past 8 MB with one line, within the memory bound", async (_, serve) => {
    const url = await serve();
    const r = await runHostile(GATE, ["conform", "--api-url", url, "--runs", "1"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/: the answer is larger than 8 MB, which no contract answer is$/m);
    expect(r.maxRssMb).toBeLessThanOrEqual(MAX_RSS_MB);
  });
});

/** The URL with a user and password in it, as someone might paste it. */
const withPassword = (url: string) => url.replace("http://", "http://admin:hunter2@");

interface Case {
  name: string;
  /** The API base to give --api-url. */
  url: () => Promise<string>;
  args: string[];
  exit: number;
  /** Where the one line that matters is printed, and what it says. */
  stderr?: RegExp;
  stdout?: RegExp;
}

const BODY_STALLED =
  /^throughput-gate: GET \/api\/__twin\/clock on http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within 0\.5 s$/;

/** One row per server that stalls, or URL that carries a password: one line naming the call, never the password. */
const CASES: Case[] = [
  {
    name: "a body that stalls after the headers times out, naming the call and the server",
    url: () => hostile(stalled),
    args: ["--timeout", "0.5"],
    exit: 1,
    stderr: BODY_STALLED,
  },
  {
    name: "a password in --api-url is not repeated when the body stalls",
    url: async () => withPassword(await hostile(stalled)),
    args: ["--timeout", "0.5"],
    exit: 1,
    stderr: BODY_STALLED,
  },
  {
    name: "a password in --api-url is hidden in a failing property's replay line",
    url: async () => withPassword((await twin({ defects: ["unknown_preset_falls_back"] })).url),
    args: ["--only", "bad-input-unknown-preset"],
    exit: 1,
    stdout:
      /^ {2}replay: throughput-gate conform --api-url http:\/\/admin:\*\*\*@127\.0\.0\.1:\d+\/api --runs 1/m,
  },
  {
    name: "a password in an --api-url that is not http is hidden in the refusal",
    url: async () => "ftp://admin:hunter2@127.0.0.1:9/api",
    args: [],
    exit: 2,
    stderr:
      /^throughput-gate: --api-url must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/admin:\*\*\*@127\.0\.0\.1:9\/api"/,
  },
  {
    name: "an --api-url without the API's base path says so once, not the status twice",
    url: async () => (await twin()).url.replace(/\/api$/, ""),
    args: [],
    exit: 1,
    stderr:
      /^throughput-gate: cannot read the catalog: GET \/workflows\/throughput-policy\/presets answered HTTP 404: the contract declares no 404 response for GET \/workflows\/throughput-policy\/presets; is --api-url the API's base, as twin serve prints it \(…\/api\)\?$/,
  },
  {
    name: "a --timeout past an hour is refused before any call",
    url: async () => "http://127.0.0.1:9/api",
    args: ["--timeout", "2147484"],
    exit: 2,
    stderr: /^throughput-gate: --timeout must be at most 3600 seconds \(1h\), got 2147484/,
  },
];

describe("conform against a stalling server, and a URL with a password", () => {
  it.each(CASES)("$name", async (c) => {
    const r = await runHostile(GATE, ["conform", "--api-url", await c.url(), "--runs", "1", ...c.args]);
    expect(r.exitCode).toBe(c.exit);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2/);
    if (c.stderr) {
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(c.stderr);
    }
    if (c.stdout) expect(r.stdout).toMatch(c.stdout);
  });
});
