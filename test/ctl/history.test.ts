import { describe, expect, it } from "vitest";
import { HISTORY_FIXED_COLUMNS, MIN_REASON_WIDTH, reasonWidth } from "../../src/ctl/commands/history.js";
import { ctl, tp, twin } from "./helpers.js";

describe("history: how much of each reason to show", () => {
  it("everything when the output is not a terminal, whatever its width", () => {
    expect(reasonWidth({ isTTY: false, columns: 80, wide: false })).toBeUndefined();
    expect(reasonWidth({ isTTY: false, wide: false })).toBeUndefined();
  });

  it("everything on a terminal with --wide", () => {
    expect(reasonWidth({ isTTY: true, columns: 80, wide: true })).toBeUndefined();
  });

  it("on a terminal, a budget from its width alone, never below the minimum", () => {
    expect(reasonWidth({ isTTY: true, columns: 140, wide: false })).toBe(140 - HISTORY_FIXED_COLUMNS);
    expect(reasonWidth({ isTTY: true, columns: 60, wide: false })).toBe(MIN_REASON_WIDTH);
    expect(reasonWidth({ isTTY: true, wide: false })).toBe(MIN_REASON_WIDTH);
  });
});

describe("nemesis-ctl throughput history, piped", () => {
  it("cuts nothing: every reason in full, on every row", async () => {
    const t = await twin();
    const long = "RT-BASELINE-RESPONSIVENESS fired during the nightly import of the mail archive";
    await ctl(t, tp("set", "conservative", "--reason", "INC-4711 backlog"));
    await ctl(t, tp("override", "aggressive", "--ttl", "20m", "--reason", "nightly import"));
    await ctl(t, tp("override", "balanced", "--ttl", "20m", "--reason", "calmer", "--replace"));
    await ctl(t, tp("revert", "--reason", long));
    const r = await ctl(t, tp("history"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain("…");
    const lines = r.stdout.split("\n");
    expect(lines.at(-1)).toMatch(new RegExp(`  ${long}$`));
    expect(r.stdout).toMatch(/override_replaced .* calmer$/m);
    expect(r.stdout).toMatch(/INC-4711 backlog$/m);
  });
});
