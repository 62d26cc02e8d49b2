import { endChildGroups } from "../common/index.js";

/** What a stopped run must undo, newest last: the baseline worktree, the staging folder. */
const cleanups = new Set<() => void>();

/** Registers what a run stopped by a signal must undo; the returned function unregisters it once done otherwise. */
export function onStop(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** 128 + the signal's number, as a shell reports a process the signal ended. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * A CI cancel (SIGTERM) or Ctrl-C (SIGINT) ends the run the way a failure does: every child's process group is
 * ended, then the worktree and the staging folder are removed, then one line says so and the process exits
 * 143 or 130. The children run in groups of their own, so they never see the terminal's SIGINT: this is how
 * the signal reaches them.
 */
export function stopOnSignals(): void {
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) process.on(signal, () => stop(signal));
}

/**
 * Synchronous from the signal to the exit: awaiting anything would let the interrupted step fail, the run go on
 * to its next step, and its evidence replace the previous run's.
 */
function stop(signal: StopSignal): never {
  const ended = endChildGroups(signal);
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Left behind, it is named after this process and removed by the next run.
    }
  }
  const children = `${ended} child ${ended === 1 ? "process" : "processes"}`;
  process.stderr.write(`gate: stopped by ${signal}; ended ${children}\n`);
  process.exit(SIGNAL_EXIT_CODES[signal]);
}
