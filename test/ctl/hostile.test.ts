import { describe, expect, it } from "vitest";
import { ctl, tp } from "./helpers.js";
import { endless, type Handler, hostile, json } from "./hostile-server.js";

interface Case {
  name: string;
  /** The misbehaving API; null for cases refused before any request. */
  server: Handler | null;
  argv: string[];
  exit: number;
  /** What the one-line message on stderr must say. */
  stderr: RegExp;
  /** What stdout must (or, with `not`, must not) hold. */
  stdout?: RegExp;
  env?: Record<string, string>;
}

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
];

describe("nemesis-ctl against a hostile API", () => {
  it.each(CASES)("$name", async (c) => {
    const url = c.server ? await hostile(c.server) : "http://127.0.0.1:9/api";
    const result = await ctl(null, c.argv, { NEMESIS_API_URL: url, ...c.env });
    expect(result.stderr).toMatch(c.stderr);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.exitCode).toBe(c.exit);
    if (c.stdout) expect(result.stdout).toMatch(c.stdout);
  });

  it("prints the stack only with --debug", async () => {
    const url = await hostile(json(null));
    const result = await ctl(null, [...tp("status"), "--debug"], { NEMESIS_API_URL: url });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
