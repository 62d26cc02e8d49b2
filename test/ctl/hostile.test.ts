import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwin } from "../../src/twin/index.js";
import { builtBin } from "../cli.js";
import { runHostile } from "../hostile-run.js";
import { ctl, tp } from "./helpers.js";
import { endless, type Handler, hostile, json, stalled } from "./hostile-server.js";

const CTL = builtBin("ctl/main.cjs");
const dir = mkdtempSync(join(tmpdir(), "ctl-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real status from the twin, for answers that are right but for one field. */
let realStatus: Record<string, unknown> = {};
/** A real history with one entry. */
let realHistory: { entries: Record<string, unknown>[] } = { entries: [] };
beforeAll(async () => {
  const t = await startTwin();
  const headers = {
    authorization: `Basic ${Buffer.from("n:n").toString("base64")}`,
    "content-type": "application/json",
  };
  const api = `${t.url}/workflows/throughput-policy`;
  await fetch(`${api}/preset`, { method: "PUT", headers, body: '{"preset":"conservative","reason":"r"}' });
  realStatus = (await (await fetch(`${api}/status`, { headers })).json()) as Record<string, unknown>;
  realHistory = (await (await fetch(`${api}/history`, { headers })).json()) as typeof realHistory;
  await t.close();
});
const historyWithReason =
  (reason: string): Handler =>
  (req, res) =>
    json({ entries: realHistory.entries.map((e) => ({ ...e, reason })) })(req, res);
const statusWith =
  (change: (s: Record<string, unknown>) => unknown): Handler =>
  (req, res) =>
    json(change(structuredClone(realStatus)))(req, res);

interface Case {
  name: string;
  /** The misbehaving API; null for cases refused before any request. */
  server: Handler | null;
  argv: string[];
  exit: number;
  /** What the one-line message on stderr must say; none for a run that succeeds. */
  stderr?: RegExp;
  /** What stdout must hold, and must not. */
  stdout?: RegExp;
  stdoutNot?: RegExp;
  env?: Record<string, string>;
  /** Give the API URL with a user and password in it. */
  password?: boolean;
}

const BODY_STALLED =
  /^nemesis-ctl: GET \/api\/workflows\/throughput-policy\/status on http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within 0\.5 s$/;

/** One row per hostile input: each gets one line on stderr, a documented exit code and no stack trace. */
const CASES: Case[] = [
  {
    name: "a 1 GB body is cut off at 8 MB",
    server: endless(),
    argv: tp("status"),
    exit: 1,
    stderr: /the API's answer is larger than 8 MB/,
  },
  {
    name: "a declared 1 GB body is refused before it is read",
    server: (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
      res.write("{");
    },
    argv: tp("presets"),
    exit: 1,
    stderr: /larger than 8 MB/,
  },
  {
    name: "a 9 MB error body is cut off too",
    server: (req, res) => {
      res.statusCode = 500;
      endless(9 * 1024 * 1024)(req, res);
    },
    argv: tp("set", "balanced", "--reason", "x"),
    exit: 1,
    stderr: /larger than 8 MB/,
  },
  {
    name: "200 {} for a snapshot writes nothing",
    server: json({}),
    argv: tp("snapshot", "--out", join(dir, "empty.json")),
    exit: 1,
    stderr:
      /answer to GET \/workflows\/throughput-policy\/status breaks the contract: missing field "[a-z_]+"/,
  },
  {
    name: "a status without base_preset",
    server: statusWith(({ base_preset, ...rest }) => rest),
    argv: tp("status"),
    exit: 1,
    stderr: /breaks the contract: missing field "base_preset"/,
  },
  {
    name: "a status whose summary is a number",
    server: statusWith((s) => ({ ...s, summary: 42 })),
    argv: tp("status"),
    exit: 1,
    stderr: /breaks the contract: "summary" must be string/,
  },
  {
    name: "200 null",
    server: json(null),
    argv: tp("status"),
    exit: 1,
    stderr: /breaks the contract: body must be object/,
  },
  {
    name: "HTTP 299",
    server: json({}, 299),
    argv: tp("presets"),
    exit: 1,
    stderr: /the contract declares no 299 response for GET \/workflows\/throughput-policy\/presets/,
  },
  {
    name: "HTTP 302",
    server: (_req, res) => res.writeHead(302, { location: "http://elsewhere.example/login" }).end(),
    argv: tp("status"),
    exit: 1,
    stderr: /HTTP 302 \(a redirect to http:\/\/elsewhere.example\/login\); nemesis-ctl follows no redirects/,
  },
  {
    name: "HTTP 500 with an empty body",
    server: (_req, res) => res.writeHead(500).end(),
    argv: tp("set", "balanced", "--reason", "x"),
    exit: 1,
    stderr: /the API gave no message \(HTTP 500\)/,
  },
  {
    name: "a mutation answer without its status",
    server: json({ changed: true }),
    argv: tp("clear", "--reason", "x"),
    exit: 1,
    stderr:
      /DELETE \/workflows\/throughput-policy\/overrides\/current breaks the contract: missing field "status"/,
  },
  {
    name: "an OSC title change and a screen clear in the summary",
    server: statusWith((s) => ({ ...s, summary: "\u001b]0;pwned\u0007calm\u001b[2J" })),
    argv: tp("status"),
    exit: 0,
    stdout: /\\u001b\]0;pwned\\u0007calm\\u001b\[2J/,
  },
  {
    name: "a newline in a history reason adds no row",
    server: historyWithReason("ok\n2026-01-01T00:00:00Z  set  root  a → b  9  forged"),
    argv: tp("history"),
    exit: 0,
    stdout: /ok\\n2026-01-01T00:00:00Z/,
    stdoutNot: /^2026-01-01T00:00:00Z {2}set {2}root/m,
  },
  {
    name: "a bidi override in a class reason",
    server: statusWith((s) => ({
      ...s,
      class_states: (s.class_states as Record<string, unknown>[]).map((c) => ({ ...c, reason: "a\u202eb" })),
    })),
    argv: tp("status"),
    exit: 0,
    stdout: /a\\u202eb/,
    stdoutNot: /\u202e/,
  },
  {
    name: "a screen clear in a server error message",
    server: json({ error: { code: "x", message: "no\u001b[2J\nnemesis-ctl: all good", field: null } }, 409),
    argv: tp("set", "balanced", "--reason", "x"),
    exit: 3,
    stderr: /no\\u001b\[2J\\nnemesis-ctl: all good \(HTTP 409 x\)/,
  },
  {
    name: "--timeout past what a timer holds",
    server: null,
    argv: [...tp("status"), "--timeout", "2147484"],
    exit: 2,
    stderr: /--timeout must be at most 3600 seconds \(1h\), got 2147484/,
  },
  {
    name: "--watch 3000000",
    server: null,
    argv: [...tp("status"), "--watch", "3000000"],
    exit: 2,
    stderr: /--watch must be at most 86400 seconds \(24h\), got 3000000/,
  },
  {
    name: "--out a directory",
    server: json({}),
    argv: tp("snapshot", "--out", dir),
    exit: 2,
    stderr: /: refusing to write over a directory; give the path of a regular file/,
  },
  {
    name: "an invalid --api-url keeps its password to itself",
    server: null,
    argv: [...tp("status"), "--api-url", "ftp://admin:hunter2@nemesis/api"],
    exit: 2,
    stderr: /--api-url must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/admin:\*\*\*@nemesis\/api"/,
  },
  {
    name: "an --api-url without a scheme keeps its password to itself",
    server: null,
    argv: [...tp("status"), "--api-url", "admin:hunter2@nemesis"],
    exit: 2,
    stderr: /got "admin:\*\*\*@nemesis"/,
  },
  {
    name: "a body that stalls after the headers times out, naming the call and the server",
    server: stalled,
    argv: [...tp("status"), "--timeout", "0.5"],
    exit: 5,
    stderr: BODY_STALLED,
  },
  {
    name: "a body that stalls, behind a URL with a password",
    server: stalled,
    password: true,
    argv: [...tp("status"), "--timeout", "0.5"],
    exit: 5,
    stderr: BODY_STALLED,
  },
  {
    name: "a refused connection, behind a URL with a password",
    server: null,
    argv: [...tp("status"), "--api-url", "http://admin:hunter2@127.0.0.1:9/api"],
    exit: 5,
    stderr: /^nemesis-ctl: cannot reach http:\/\/127\.0\.0\.1:9: connection refused/,
  },
  {
    name: "a redirect to a URL with a password",
    server: (_req, res) => res.writeHead(307, { location: "http://admin:hunter2@elsewhere.example/" }).end(),
    password: true,
    argv: tp("status"),
    exit: 1,
    stderr: /HTTP 307 \(a redirect to http:\/\/admin:\*\*\*@elsewhere.example\/\)/,
  },
];

describe("nemesis-ctl against a hostile API", () => {
  it.each(CASES)("$name", async (c) => {
    const url = c.server ? await hostile(c.server) : "http://127.0.0.1:9/api";
    const env = {
      NEMESIS_API_URL: c.password ? url.replace("http://", "http://admin:hunter2@") : url,
      ...c.env,
    };
    const result = await runHostile(CTL, c.argv, { env, extendEnv: false });
    expect(result.stderr).not.toMatch(/hunter2/);
    if (c.stderr) {
      expect(result.stderr).toMatch(c.stderr);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    } else expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(c.exit);
    if (c.stdout) expect(result.stdout).toMatch(c.stdout);
    if (c.stdoutNot) expect(result.stdout).not.toMatch(c.stdoutNot);
    // Nothing from the server reaches the terminal raw: no ESC, no BEL.
    expect(`${result.stdout}${result.stderr}`.includes("\u001b")).toBe(false);
    expect(`${result.stdout}${result.stderr}`.includes("\u0007")).toBe(false);
  });

  it("leaves no snapshot behind when the answer breaks the contract", () => {
    expect(existsSync(join(dir, "empty.json"))).toBe(false);
  });

  it("--json prints the answer exactly, escapes and all", async () => {
    const summary = "\u001b]0;pwned\u0007calm\u202e";
    const url = await hostile(statusWith((s) => ({ ...s, summary })));
    const result = await ctl(null, [...tp("status"), "--json"], { NEMESIS_API_URL: url });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).summary).toBe(summary);
  });

  it("prints the stack only with --debug", async () => {
    const url = await hostile(json(null));
    const result = await ctl(null, [...tp("status"), "--debug"], { NEMESIS_API_URL: url });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
