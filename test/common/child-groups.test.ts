import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { procStat } from "../../src/common/child-groups.js";
import { endChildGroups, endOrphanedGroups, execaInGroup } from "../../src/common/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("child-groups");
const hasProc = existsSync("/proc/self/stat");
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
const started: number[] = [];

afterAll(() => {
  for (const pgid of started) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Ended by the test, as it should be.
    }
  }
});

const stat = procStat;

/** The processes of a group that have not ended (a zombie has). */
const members = (pgid: number) =>
  readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      const s = stat(pid);
      return s !== null && s.state !== "Z" && s.pgrp === pgid;
    });

/** A process group of a shell and its sleeping child, as an orphaned build would be. */
async function orphanGroup(): Promise<number> {
  const child = spawn("sh", ["-c", "sleep 600 & echo started; wait"], {
    detached: true,
    stdio: ["ignore", "pipe", "ignore"],
  });
  await new Promise((done) => child.stdout.once("data", done));
  child.unref();
  const pgid = child.pid as number;
  started.push(pgid);
  return pgid;
}

describe.runIf(hasProc)("process groups of children", () => {
  it("a child leads its own group; ending it ends its descendants too", async () => {
    const child = execaInGroup("sh", ["-c", "sleep 600 & echo started; wait"], {
      reject: false,
      stdin: "ignore",
    });
    const pgid = child.pid as number;
    started.push(pgid);
    await new Promise((done) => child.stdout?.once("data", done));
    expect(stat(pgid)?.pgrp).toBe(pgid);
    expect(members(pgid)).toHaveLength(2);
    expect(endChildGroups("SIGTERM")).toBe(1);
    expect(members(pgid)).toEqual([]);
    expect((await child).isTerminated).toBe(true);
  });

  it("ends the groups a dead run's ledger names, and removes the ledger", async () => {
    const pgid = await orphanGroup();
    const ledger = join(scratch, `throughput-gate-groups-${deadPid}`);
    writeFileSync(ledger, `${pgid} ${stat(pgid)?.start}\nnot a line\n`);
    expect(endOrphanedGroups(scratch)).toBe(1);
    expect(members(pgid)).toEqual([]);
    expect(existsSync(ledger)).toBe(false);
  });

  it("leaves a live run's ledger, and a group whose number now belongs to a later process", async () => {
    const pgid = await orphanGroup();
    const live = join(scratch, `throughput-gate-groups-${process.pid}`);
    writeFileSync(live, `${pgid} ${stat(pgid)?.start}\n`);
    const reused = join(scratch, `throughput-gate-groups-${deadPid}`);
    writeFileSync(reused, `${pgid} 1\n1 -\n${process.pid} -\n`);
    expect(endOrphanedGroups(scratch)).toBe(0);
    expect(members(pgid)).toHaveLength(2);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(reused)).toBe(false);
  });
});
