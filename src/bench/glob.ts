import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { BenchInputError } from "./input-error.js";

/**
 * How many folders below its fixed part (`results/` of `results/**\/*.json`) a pattern with `**` may search. A
 * pytest-benchmark storage root holds its runs two levels down; `/**` reaches every mount on the machine.
 */
export const MAX_GLOB_DEPTH = 8;

/** The most files one pattern may match, and the most result files one side may have: each is a round to read. */
export const MAX_RESULT_FILES = 1000;

/**
 * The most folder entries one pattern's search may look at. The search keeps every match in memory, so this, not
 * the match count (known only at the end), is what bounds the memory of a search of `/**\/*`.
 */
export const MAX_GLOB_ENTRIES = 100_000;

/** How long one pattern's search may take, in ms: a search of a network mount or of /proc can run for minutes. */
export const MAX_GLOB_MS = 5_000;

export interface GlobLimits {
  depth: number;
  files: number;
  entries: number;
  ms: number;
  /** The clock the time limit is measured on, in ms (a monotonic one); tests pass their own. */
  now: () => number;
}

export const GLOB_LIMITS: GlobLimits = {
  depth: MAX_GLOB_DEPTH,
  files: MAX_RESULT_FILES,
  entries: MAX_GLOB_ENTRIES,
  ms: MAX_GLOB_MS,
  now: () => performance.now(),
};

/** Characters that may make a path segment a pattern; a segment with none of them names one folder. */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/** The folder a pattern starts from (its leading segments without glob syntax) and the pattern below it. */
export function splitPattern(pattern: string): { base: string; rest: string } {
  const parts = pattern.split("/");
  let i = 0;
  while (i < parts.length - 1 && !GLOB_SYNTAX.test(parts[i] ?? "")) i++;
  const base = i === 0 ? "." : parts.slice(0, i).join("/") || "/";
  return { base, rest: parts.slice(i).join("/") };
}

const tooWide = (pattern: string, what: string) =>
  new BenchInputError(
    `bench compare: the pattern "${pattern}" ${what} (the limit); name the result files more narrowly`,
  );

/** A link to a folder is left out of a search: following one can loop, or lead out of the tree to all of `/`. */
function isFolderLink(dir: string, entry: Dirent): boolean {
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    return true;
  }
}

/**
 * A readdirSync for the search that stops it (through `abort`) at the first limit it meets, and records which.
 * The search calls it once per folder it enters, so every limit is checked as the search goes, not at its end.
 */
function guardedReaddir(base: string, globstar: boolean, limits: GlobLimits, abort: (why: string) => void) {
  const root = resolve(base);
  const start = limits.now();
  let seen = 0;
  return (dir: string): Dirent[] => {
    const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !isFolderLink(dir, e));
    seen += entries.length;
    const depth = relative(root, dir).split("/").filter(Boolean).length;
    if (seen > limits.entries) abort(`made the search look at more than ${limits.entries} folder entries`);
    else if (limits.now() - start > limits.ms) abort(`took more than ${limits.ms / 1000} s to search`);
    else if (globstar && depth >= limits.depth && entries.some((e) => e.isDirectory() && e.name[0] !== "."))
      abort(`searches deeper than ${limits.depth} folders below "${base}"`);
    return entries;
  };
}

/**
 * The files a pattern matches, sorted, within the limits: deep, wide or slow searches are refused with one line
 * naming the limit, never left to run for minutes or fill memory. Links to files are matched, links to folders
 * are not followed.
 */
export function boundedGlob(pattern: string, limits: GlobLimits = GLOB_LIMITS): string[] {
  const { base, rest } = splitPattern(pattern);
  const globstar = rest.split("/").includes("**");
  const controller = new AbortController();
  let refusal: string | undefined;
  const abort = (why: string) => {
    refusal ??= why;
    controller.abort();
  };
  const readdir = guardedReaddir(base, globstar, limits, abort);
  const matched = globSync(rest, {
    cwd: resolve(base),
    onlyFiles: true,
    expandDirectories: false,
    deep: globstar ? limits.depth : undefined,
    signal: controller.signal,
    fs: { readdirSync: ((dir: string) => (refusal ? [] : readdir(dir))) as unknown as typeof readdirSync },
  });
  if (refusal) throw tooWide(pattern, refusal);
  if (matched.length > limits.files) throw tooWide(pattern, `matched more than ${limits.files} files`);
  return matched.map((m) => (base === "." ? m : join(base, m))).sort();
}
