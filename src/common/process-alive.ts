import { errnoCode } from "./errors.js";

/**
 * Whether a process with this id is running. Leftovers named after the process that made them (staging folders,
 * benchmark worktrees) are removed only once it is gone, so a run never removes another live run's files.
 */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return errnoCode(err) === "EPERM";
  }
}
