import { execa, type ResultPromise } from "execa";
import { describe, expect, it } from "vitest";
import { DEFECT_TABLE } from "../../src/twin/index.js";
import { builtBin } from "../cli.js";
import { serveTwin } from "./serve-process.js";

const CLI = builtBin("gate/cli.js");

/** Starts `throughput-gate twin serve` and waits for its listening line. */
async function serve(args: string[]): Promise<{ proc: ResultPromise; url: string }> {
  return serveTwin(args);
}

/** Starts `throughput-gate twin serve` with defects and waits for the line that names them. */
async function serveDefects(args: string[]): Promise<{ proc: ResultPromise; url: string; on: string }> {
  const served = await serveTwin(args, /^defects on: .+$/m);
  return { ...served, on: /^defects on: .+$/m.exec(served.printed)?.[0] ?? "" };
}

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

describe("throughput-gate twin serve", () => {
  it("prints its URL, serves on loopback, and exits 0 on SIGTERM", async () => {
    const { proc, url } = await serve([]);
    const r = await fetch(`${url}/workflows/throughput-policy/status`, { headers: basic("n", "n") });
    expect(r.status).toBe(200);
    proc.kill("SIGTERM");
    const result = await proc;
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("exits 0 on SIGINT too", async () => {
    const { proc } = await serve([]);
    proc.kill("SIGINT");
    expect((await proc).exitCode).toBe(0);
  });

  it("loads a scenario, and takes --user/--password or --token", async () => {
    const withUser = await serve([
      "--scenario",
      "fixtures/twin/scenarios/pressure-spike.json",
      "--user",
      "ops",
      "--password",
      "pw",
    ]);
    const queues = `${withUser.url}/queues`;
    expect((await fetch(queues, { headers: basic("n", "n") })).status).toBe(401);
    expect((await fetch(queues, { headers: basic("ops", "pw") })).status).toBe(200);
    withUser.proc.kill("SIGTERM");
    await withUser.proc;

    const withToken = await serve(["--token", "t0ken"]);
    expect(
      (await fetch(`${withToken.url}/queues`, { headers: { authorization: "Bearer t0ken" } })).status,
    ).toBe(200);
    withToken.proc.kill("SIGTERM");
    await withToken.proc;
  });

  it("--defect plays known-bad deployments besides the scenario's, and names them after the usual lines", async () => {
    const { proc, url, on } = await serveDefects([
      "--scenario",
      "fixtures/twin/scenarios/pressure-spike.json",
      "--defect",
      "auth_not_required",
      "status_missing_field",
      "--defect",
      "unknown_query_ignored",
    ]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(on).toBe("defects on: auth_not_required, status_missing_field, unknown_query_ignored");
    const r = await fetch(`${url}/workflows/throughput-policy/status?colour=blue`);
    expect(r.status).toBe(200);
    expect(await r.json()).not.toHaveProperty("summary");
    proc.kill("SIGTERM");
    const result = await proc;
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout).split("\n").slice(0, 3)).toEqual([
      `twin listening on ${url}`,
      "to point nemesis-ctl and the twin commands at it, paste this into another shell:",
      `export NEMESIS_API_URL=${url}`,
    ]);
  });

  it("--help lists every defect with its description, from the defect table", async () => {
    const result = await execa("node", [CLI, "twin", "serve", "--help"], { reject: false });
    expect(result.exitCode).toBe(0);
    for (const { name, description } of DEFECT_TABLE) {
      expect(result.stdout).toContain(`${name}: ${description}`);
    }
  });

  it.each([
    [
      ["--defect", "overide_race"],
      /^throughput-gate: unknown defect "overide_race"; did you mean "override_race"\?/,
    ],
    [
      ["--defect", "auth_not_required", "nonsense"],
      /unknown defect "nonsense"; defects: ignore_expensive_floor, /,
    ],
    [["--defect"], /--defect needs one or more values/],
    [["--port", "abc"], /--port must be 0-65535/],
    [["--scenario", "fixtures/twin/scenarios/absent.json"], /absent\.json: cannot read file \(ENOENT\)/],
    [["--colour"], /unknown option --colour for "twin serve"/],
    [["--user", "ops"], /--user and --password go together/],
    [["--token", "t", "--user", "u", "--password", "p"], /use either --token or --user, not both/],
  ])("refuses %j with exit 2 and one line, no stack trace", async (args, message) => {
    const result = await execa("node", [CLI, "twin", "serve", ...args], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an unknown command with exit 2", async () => {
    const result = await execa("node", [CLI, "twin", "explode"], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/unknown command "twin explode"/);
  });
});
