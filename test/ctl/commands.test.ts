import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContract, type SchemaName } from "../../src/contract/index.js";
import { loadScenarioFile } from "../../src/twin/index.js";
import { tempDir } from "../temp-dir.js";
import { advance, call, ctl, POLICY, tp, twin } from "./helpers.js";

const scratch = tempDir("ctl-commands-test");

const spike = loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json");

const fitsWidth = (text: string) => text.split("\n").every((line) => line.length <= 100);

describe("nemesis-ctl: every command, human output", () => {
  it("status under pressure, with the summary, both tables, and the override line", async () => {
    const t = await twin({ scenario: spike });
    await advance(t, 130);
    const r = await ctl(t, tp("status"));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(fitsWidth(r.stdout)).toBe(true);
    expect(r.stdout).toMatchSnapshot();
  });

  it("status with an override and in fail-safe", async () => {
    const t = await twin();
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 1200, reason: "nightly import" },
    });
    await call(t, "POST", "/__twin/telemetry", { body: { mode: "failing" } });
    const r = await ctl(t, tp("status"));
    expect(r.exitCode).toBe(0);
    expect(fitsWidth(r.stdout)).toBe(true);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toBe(
      "override: aggressive, 20m left (until 2026-01-01T00:20:00Z), by n, reason: nightly import",
    );
    expect(lines.at(-1)).toBe("fail-safe: ON, telemetry failed: queue telemetry source is failing");
    expect(r.stdout).toMatchSnapshot();
  });

  it("presets", async () => {
    const r = await ctl(await twin(), tp("presets"));
    expect(r.exitCode).toBe(0);
    expect(fitsWidth(r.stdout)).toBe(true);
    expect(r.stdout).toMatchSnapshot();
  });

  it("set, and set again (nothing changed)", async () => {
    const t = await twin();
    const r = await ctl(t, tp("set", "conservative", "--reason", "INC-1234 backlog"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatchSnapshot();
    const again = await ctl(t, tp("set", "conservative", "--reason", "again"));
    expect(again.stdout).toMatch(/^base preset already conservative; nothing changed \(version 2\)/);
  });

  it("set --dry-run and override --dry-run change nothing", async () => {
    const t = await twin();
    const set = await ctl(t, tp("set", "aggressive", "--reason", "x", "--dry-run"));
    const ovr = await ctl(t, tp("override", "conservative", "--ttl", "15m", "--reason", "x", "--dry-run"));
    expect(set.stdout).toMatchSnapshot();
    expect(ovr.stdout).toMatch(/^dry run: override conservative for 15m; nothing was changed\n/);
    const status = await call(t, "GET", `${POLICY}/status`);
    expect(status.json).toMatchObject({ version: 1, override: null, base_preset: "balanced" });
  });

  it("override, clear, revert and history", async () => {
    const t = await twin();
    const o = await ctl(t, tp("override", "aggressive", "--ttl", "1h30m", "--reason", "nightly import"));
    expect(o.stdout).toMatchSnapshot();
    const replaced = await ctl(
      t,
      tp("override", "conservative", "--ttl", "90s", "--reason", "calmer", "--replace"),
    );
    expect(replaced.exitCode).toBe(0);
    const c = await ctl(t, tp("clear", "--reason", "done early"));
    expect(c.stdout).toMatch(/^override cleared; base preset balanced in force/);
    await ctl(t, tp("set", "aggressive", "--reason", "try"));
    const r = await ctl(t, tp("revert", "--reason", "RT-DRAIN-REGRESSION fired"));
    expect(r.stdout).toMatchSnapshot();
    const again = await ctl(t, tp("revert", "--to", "balanced", "--reason", "again"));
    expect(again.exitCode).toBe(0);
    const [line, ...rest] = again.stdout.split("\n");
    expect(line).toBe("already at balanced; nothing changed");
    expect(rest.join("\n")).toMatch(/^policy (in)?active on balanced \(preset\)/);
    expect(again.stdout).not.toMatch(/CLASS|→/);
    const h = await ctl(t, tp("history"));
    // Piped, so no reason is cut: a long row may pass 100 columns.
    expect(h.stdout).not.toContain("…");
    expect(h.stdout).toMatchSnapshot();
  });

  it("snapshot writes the status, when, from where and the CLI version, atomically", async () => {
    const t = await twin();
    const dir = mkdtempSync(join(scratch, "snap-"));
    const out = join(dir, "before.json");
    const r = await ctl(t, tp("snapshot", "--out", out));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`snapshot written to ${out}`);
    const doc = JSON.parse(await readFile(out, "utf8"));
    expect(doc).toMatchObject({
      kind: "nemesis-ctl/status-snapshot@1",
      taken_at: "2026-01-01T00:00:00Z",
      api_url: t.url,
      cli_version: "0.1.0",
    });
    expect(checkContract("Status", doc.status)).toEqual([]);
    expect(await readdir(dir)).toEqual(["before.json"]);
  });

  it("--help and --version", async () => {
    const help = await ctl(null, tp("override", "--help"));
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(
      /^usage: nemesis-ctl throughput override PRESET --ttl DURATION --reason TEXT \[--replace\] \[--dry-run\]/,
    );
    expect(help.stdout).toContain("  5  unreachable or timed out");
    const top = await ctl(null, ["--help"]);
    expect(top.stdout).toContain("nemesis-ctl throughput snapshot --out FILE");
    expect((await ctl(null, ["--version"])).stdout).toBe("nemesis-ctl 0.1.0");
    expect((await ctl(null, ["--version", "--debug"])).stdout).toBe("nemesis-ctl 0.1.0");
  });
});

describe("nemesis-ctl: --json prints the API body, valid against the contract, keys sorted", () => {
  it.each([
    [["status"], "Status"],
    [["presets"], "PresetCatalog"],
    [["history"], "History"],
    [["set", "aggressive", "--reason", "x"], "MutationResult"],
    [["override", "aggressive", "--ttl", "20m", "--reason", "x"], "MutationResult"],
    [["revert", "--reason", "x"], "RevertResult"],
  ] as const)("%j", async (args, schema) => {
    const t = await twin();
    const r = await ctl(t, tp(...args, "--json"));
    expect(r.exitCode).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(checkContract(schema as SchemaName, body)).toEqual([]);
    const keys = Object.keys(body);
    expect(keys).toEqual([...keys].sort());
  });

  it("is the same bytes for the same state", async () => {
    const t = await twin();
    const [a, b] = [await ctl(t, tp("status", "--json")), await ctl(t, tp("status", "--json"))];
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("nemesis-ctl: the TTL lifecycle", () => {
  it("override for 20m, see it, let it expire on the twin's clock, see the base, find both events", async () => {
    const t = await twin();
    const created = await ctl(t, tp("override", "aggressive", "--ttl", "20", "--reason", "bulk import"));
    expect(created.exitCode).toBe(0);
    const during = await ctl(t, tp("status"));
    expect(during.stdout).toContain("override: aggressive, 20m left");
    expect(during.stdout).toMatch(/^policy inactive on aggressive \(override\)/);
    await advance(t, 20 * 60);
    const after = await ctl(t, tp("status"));
    expect(after.stdout).toContain("override: none (base preset balanced)");
    expect(after.stdout).toMatch(/^policy inactive on balanced \(preset\)/);
    const history = JSON.parse((await ctl(t, tp("history", "--json"))).stdout);
    expect(history.entries.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ["override_created", "bulk import"],
      ["override_expired", "TTL of override ovr-1 ran out"],
    ]);
  });
});

describe("nemesis-ctl: --watch", () => {
  it("refreshes until interrupted, then exits 0", async () => {
    const t = await twin();
    const { execa } = await import("execa");
    const { builtBin } = await import("../cli.js");
    const proc = execa("node", [builtBin("ctl/main.cjs"), ...tp("status", "--watch", "1")], {
      reject: false,
      env: { NEMESIS_API_URL: t.url, NO_COLOR: "1" },
    });
    let seen = 0;
    await new Promise<void>((resolve) => {
      proc.stdout?.on("data", (chunk: Buffer) => {
        seen += (chunk.toString().match(/^policy /gm) ?? []).length;
        if (seen >= 2) resolve();
      });
    });
    proc.kill("SIGINT");
    const result = await proc;
    expect(result.exitCode).toBe(0);
    expect(seen).toBeGreaterThanOrEqual(2);
  });
});

describe("nemesis-ctl: --dry-run under an active override answers as the real command would", () => {
  it("set: the override stays in force, so nothing in force changes", async () => {
    const t = await twin();
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 1200, reason: "import" },
    });
    const r = await ctl(t, tp("set", "conservative", "--reason", "x", "--dry-run"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      "override ovr-1 (aggressive) stays in force for 20m; the new base applies when it ends",
    );
    expect(r.stdout).toMatch(/^baseline +4 +1 +override → override$/m);
    const real = await ctl(t, tp("set", "conservative", "--reason", "x"));
    expect(real.stdout).toMatch(/override\)/);
  });

  it("override: a conflict is a conflict, exit 3, unless --replace; the source after is override", async () => {
    const t = await twin();
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 1200, reason: "import" },
    });
    const refused = await ctl(t, tp("override", "conservative", "--ttl", "5m", "--reason", "x", "--dry-run"));
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /override ovr-1 \(aggressive\) is active for 1200s more; clear it or replace it \(dry run\)/,
    );
    const replaced = await ctl(
      t,
      tp("override", "conservative", "--ttl", "5m", "--reason", "x", "--dry-run", "--replace"),
    );
    expect(replaced.exitCode).toBe(0);
    expect(replaced.stdout).toMatch(/^baseline +4 → 2 +1 +override → override$/m);
    expect((await call(t, "GET", `${POLICY}/status`)).json.override.preset).toBe("aggressive");
  });
});
