import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type Options } from "execa";
import { errnoCode } from "./errors.js";
import { isProcessAlive } from "./process-alive.js";

/**
 * Children that run in their own process group, so that one signal reaches everything they started: a build is
 * `npm`, then `sh`, then `tsc`, and signalling `npm` alone left the compiler writing into a folder being removed.
 * Each group is known by its leader's pid (its pgid) and, where /proc tells it, the leader's start time, so that a
 * recorded group is never mistaken for a later one that reuses the number.
 */
const running = new Map<number, string | null>();

/**
 * The groups running now, in a file named after this process: a run killed outright (SIGKILL) cannot end its
 * children, so the next run ends them from this file (`endOrphanedGroups`) before it removes the folders they
 * write into.
 */
const LEDGER_NAME = /^throughput-gate-groups-(\d+)$/;
const ledger = () => join(tmpdir(), `throughput-gate-groups-${process.pid}`);

/** How long a group has to end after its signal before it is sent SIGKILL, and then to be gone. */
const GRACE_MS = 2000;
const POLL_MS = 20;

/** `execa` with the child as the leader of a new process group, known here until it ends. */
export function execaInGroup<O extends Options>(
  file: string,
  args: readonly string[],
  options: O,
): ReturnType<typeof execa<O>> {
  // `detached` changes no type of the result, only where the child's group is.
  const child = execa<O>(file, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) return child;
  running.set(pgid, startTime(pgid));
  writeLedger();
  installExitHook();
  const forget = () => {
    running.delete(pgid);
    writeLedger();
  };
  child.then(forget, forget);
  return child;
}

function writeLedger(): void {
  try {
    if (running.size === 0) rmSync(ledger(), { force: true });
    else writeFileSync(ledger(), [...running].map(([pgid, start]) => `${pgid} ${start ?? "-"}\n`).join(""));
  } catch {
    // A ledger is a help for the next run, never a reason for this one to fail.
  }
}

/**
 * Ends the process groups that runs killed outright left running, as their ledgers name them, and removes the
 * ledgers (in `dir`, the temporary folder where runs write them). Another user's ledgers, and those of runs still
 * alive, are left alone. Returns how many groups it ended.
 */
export function endOrphanedGroups(dir = tmpdir()): number {
  let ended = 0;
  for (const name of readdirSync(dir)) {
    const owner = LEDGER_NAME.exec(name)?.[1];
    const file = join(dir, name);
    if (owner === undefined || isProcessAlive(Number(owner)) || !ownedByMe(file)) continue;
    ended += endGroups(recordedGroups(file), "SIGTERM");
    rmSync(file, { force: true });
  }
  return ended;
}

const ownedByMe = (file: string) => {
  try {
    return process.getuid === undefined || statSync(file).uid === process.getuid();
  } catch {
    return false;
  }
};

/** The groups a ledger names that still run as the same groups; a malformed line names none. */
function recordedGroups(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((line) => line.split(" "))
    .filter(([pgid, start]) => /^\d+$/.test(pgid ?? "") && isSameGroup(Number(pgid), start ?? "-"))
    .map(([pgid]) => Number(pgid));
}

/**
 * Ends every group this process started and that still runs: `signal` first, SIGKILL to what is left after a
 * grace period, and returns once they are gone (or the grace ran out twice). Returns how many there were.
 */
export function endChildGroups(signal: NodeJS.Signals): number {
  return endGroups([...running.keys()], signal);
}

/**
 * Whether the group recorded as `pgid`, its leader started at `start`, still runs. While its leader lives, the
 * start time must match (the number may have been reused); once the leader is gone, no new process can take its
 * number while the group still has members, so any live member is one of the recorded group's.
 */
function isSameGroup(pgid: number, start: string): boolean {
  if (!isSafeGroup(pgid)) return false;
  const leader = startTime(pgid);
  if (leader !== null && start !== "-" && leader !== start) return false;
  return liveGroups([pgid]).size > 0;
}

function endGroups(pgids: readonly number[], signal: NodeJS.Signals): number {
  const live = [...liveGroups(pgids.filter(isSafeGroup))];
  for (const pgid of live) signalGroup(pgid, signal);
  if (signal !== "SIGKILL" && !waitUntilGone(live)) for (const pgid of live) signalGroup(pgid, "SIGKILL");
  waitUntilGone(live);
  return live.length;
}

/** Never this process's own group, nor init's, whatever a ledger says. */
const isSafeGroup = (pgid: number) => Number.isInteger(pgid) && pgid > 1 && pgid !== process.pid;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

function waitUntilGone(pgids: readonly number[]): boolean {
  const deadline = Date.now() + GRACE_MS;
  while (liveGroups(pgids).size > 0) {
    if (Date.now() > deadline) return false;
    // Synchronously: a stopping run must not go on to its next step while its children end.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
  }
  return true;
}

/** The exit hook that ends what a run that throws or exits early left running. */
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pgid of running.keys()) if (isSafeGroup(pgid)) signalGroup(pgid, "SIGKILL");
    rmSync(ledger(), { force: true });
  });
}

const HAS_PROC = existsSync("/proc/self/stat");

interface ProcStat {
  state: string;
  pgrp: number;
  start: string;
}

/** Fields of /proc/PID/stat after the command name, which may itself hold spaces and parentheses. */
export function procStat(pid: number | string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", pgrp: Number(fields[2]), start: fields[19] ?? "" };
  } catch {
    return null;
  }
}

const startTime = (pid: number) => (HAS_PROC ? (procStat(pid)?.start ?? null) : null);

/**
 * Which of `pgids` still have a member that is not a zombie. A zombie has ended, but stays listed until its parent
 * (or, for an orphan, init) collects it, which some containers' init never does; without /proc, any member counts.
 */
function liveGroups(pgids: readonly number[]): Set<number> {
  const wanted = new Set(pgids);
  if (!HAS_PROC) return new Set(pgids.filter(groupSignallable));
  const live = new Set<number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(name);
    if (stat && stat.state !== "Z" && wanted.has(stat.pgrp)) live.add(stat.pgrp);
  }
  return live;
}

function groupSignallable(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === "EPERM";
  }
}
