import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../../cli.js";
import { call, twin } from "../../twin/helpers.js";

const GATE = builtBin("gate/cli.js");
const CTL = builtBin("ctl/main.cjs");

/** A CLI as a user runs it, pointed at the twin the way `twin serve` says: NEMESIS_API_URL. */
const run = (bin: string, argv: string[], apiUrl?: string) =>
  execa("node", [bin, ...argv], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...(apiUrl ? { NEMESIS_API_URL: apiUrl } : {}) },
  });
const gate = (argv: string[], apiUrl?: string) => run(GATE, argv, apiUrl);

describe("throughput-gate twin controls, over HTTP", () => {
  it("twin advance moves the clock, and an override expires on it", async () => {
    const t = await twin();
    const created = await run(
      CTL,
      ["throughput", "override", "aggressive", "--ttl", "2m", "--reason", "try it"],
      t.url,
    );
    expect(created.exitCode).toBe(0);
    const moved = await gate(["twin", "advance", "130s"], t.url);
    expect(moved.stderr).toBe("");
    expect(moved.stdout).toBe("twin clock advanced 130s to 2026-01-01T00:02:10Z");
    expect((await call(t, "GET", "/__twin/clock")).json.now).toBe("2026-01-01T00:02:10Z");
    const status = await run(CTL, ["throughput", "status"], t.url);
    expect(status.stdout).toMatch(/no override$/m);
  });

  it("twin advance refuses a bare number and an unknown unit with exit 2", async () => {
    const t = await twin();
    const bare = await gate(["twin", "advance", "130"], t.url);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toBe(
      'throughput-gate: give "130" a unit: 130s, 130m or 130h; see throughput-gate twin advance --help',
    );
    expect((await gate(["twin", "advance", "2d"], t.url)).exitCode).toBe(2);
  });

  it("twin telemetry sets the mode; the twin refuses none of ok, stale, failing", async () => {
    const t = await twin();
    for (const mode of ["stale", "failing", "ok"]) {
      const r = await gate(["twin", "telemetry", mode], t.url);
      expect(r.stdout).toBe(`twin telemetry ${mode}`);
    }
    await gate(["twin", "telemetry", "failing"], t.url);
    expect((await call(t, "GET", "/api/queues", { schema: "Error" })).status).toBe(503);
    const bad = await gate(["twin", "telemetry", "broken"], t.url);
    expect(bad.exitCode).toBe(2);
  });

  it("twin fault arms a fault, twin fault list shows it, twin fault clear disarms it", async () => {
    const t = await twin();
    const armed = await gate(
      ["twin", "fault", "status(503)", "--path", "/api/queues", "--times", "2"],
      t.url,
    );
    expect(armed.stdout).toBe("fault armed: status(503) on the next 2 requests to * /api/queues");
    expect((await call(t, "GET", "/api/queues", { schema: "Error" })).status).toBe(503);
    const listed = await gate(["twin", "fault", "list"], t.url);
    expect(listed.stdout).toBe(
      ["KIND         METHOD  PATH         HITS  LEFT", "status(503)  *       /api/queues  1     1"].join(
        "\n",
      ),
    );
    expect((await gate(["twin", "fault", "clear"], t.url)).stdout).toBe("faults cleared");
    expect((await gate(["twin", "fault", "list"], t.url)).stdout).toBe("no faults armed");
    const bad = await gate(["twin", "fault", "explode"], t.url);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/kind must be status\(CODE\)/);
  });

  it("twin requests lists what the twin answered; twin reset starts over", async () => {
    const t = await twin();
    await call(t, "GET", "/api/queues");
    const listed = await gate(["twin", "requests"], t.url);
    expect(listed.stdout.split("\n")).toEqual([
      "SEQ  METHOD  PATH         STATUS  USER  FAULT",
      "1    GET     /api/queues  200     n",
    ]);
    await gate(["twin", "advance", "1h"], t.url);
    const reset = await gate(["twin", "reset"], t.url);
    expect(reset.stdout).toBe("twin reset; clock at 2026-01-01T00:00:00Z");
    // The log starts over with the reset itself, which the twin logs once it has answered it.
    const log = (await call(t, "GET", "/__twin/requests")).json.requests;
    expect(log.map((r: { path: string }) => r.path)).toEqual(["/api/__twin/reset"]);
  });

  it("without a twin to talk to, says how to name one", async () => {
    const none = await gate(["twin", "reset"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe(
      "throughput-gate: no twin to talk to: pass --api-url URL or export NEMESIS_API_URL (throughput-gate twin serve prints the line)",
    );
    const t = await twin();
    const url = t.url;
    await t.close();
    const gone = await gate(["twin", "reset", "--api-url", url]);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(
      /^throughput-gate: cannot reach the twin at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); pass --api-url/,
    );
  });
});
