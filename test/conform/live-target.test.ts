import { afterEach, describe, expect, it } from "vitest";
import { twin } from "../twin/helpers.js";
import { asLiveServer } from "./live-server.js";
import { conform } from "./run-conform.js";

const TIME_DEPENDENT = [
  "override-expires-at-expires_at",
  "fail-safe-on-stale-telemetry",
  "fail-safe-on-failing-telemetry",
  "sustained-window",
  "cooldown",
];

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function liveServer(realClock: boolean) {
  const server = await asLiveServer(await twin(), { realClock });
  servers.push(server);
  return server;
}

describe("throughput-gate conform against a server without the twin's controls", () => {
  it("skips every time-dependent property with its reason, and passes the rest", async () => {
    const server = await liveServer(true);
    const r = await conform(["--api-url", server.url, "--quick"]);
    expect(r.exitCode).toBe(0);
    for (const name of TIME_DEPENDENT) {
      expect(r.stdout).toMatch(new RegExp(`^skip ${name}: needs the twin's`, "m"));
      expect(r.stdout).not.toMatch(new RegExp(`^pass ${name}`, "m"));
    }
    expect(r.stdout).toMatch(/^conform: 11 passed, 0 failed, 5 skipped /m);
  });

  it("with --real-clock, waits for a 1 s override to expire on the server's own clock", async () => {
    const server = await liveServer(true);
    const r = await conform(["--api-url", server.url, "--real-clock", "--only", TIME_DEPENDENT[0] ?? ""]);
    expect(r.stdout).toMatch(/^pass override-expires-at-expires_at \(1 sequence, \d+ calls\)$/m);
    expect(r.exitCode).toBe(0);
  });

  it("with --real-clock, a server whose clock stands still fails the expiry check and says so", async () => {
    const server = await liveServer(false);
    const r = await conform(["--api-url", server.url, "--real-clock", "--only", TIME_DEPENDENT[0] ?? ""]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL override-expires-at-expires_at: the server's clock reads .* still before expires_at/m,
    );
  });
});
