import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { endless, hostile } from "../ctl/hostile-server.js";
import { MAX_RSS_MB, runHostile } from "../hostile-run.js";

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
