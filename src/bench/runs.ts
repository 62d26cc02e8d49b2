import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { errnoCode } from "../common/index.js";
import { InputBudget, MAX_BENCHMARKS } from "./budget.js";
import { type BenchFile, BenchInputError, readBenchFile } from "./formats.js";
import { boundedGlob, MAX_RESULT_FILES } from "./glob.js";

/** Which saved runs of a folder to take: pytest-benchmark's `NNNN_<name>.json`, the last `last` of them. */
export interface RunSelection {
  /** Keep the runs saved under this name (`--benchmark-save=NAME`), or whose file stem is this. */
  name?: string;
  /** Keep only the newest N, by pytest-benchmark's run counter (or file name): a history baseline. */
  last?: number;
}

/** One side of a compare: each file is one process-level round, except files that hold several. */
export interface RunSet {
  files: BenchFile[];
  format: BenchFile["format"];
  /** Fingerprint fields that differ between the files of this side; empty when they all match. */
  history_mismatch: string[];
}

const SAVED_RUN = /^(\d+)_(.+)\.json$/;

/** The run name pytest-benchmark saved a file under: `0007_phase6_baseline.json` is "phase6_baseline". */
export function savedRunName(file: string): string {
  const stem = basename(file);
  return SAVED_RUN.exec(stem)?.[2] ?? stem.replace(/\.json$/, "");
}

/** A folder the user named, or one level down in it: one it cannot read is theirs to fix, exit 2. */
function listFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new BenchInputError(`${dir}: cannot read the folder (${errnoCode(err) ?? "error"})`);
  }
}

/**
 * JSON files of a folder; a folder with none but with subfolders (a pytest-benchmark storage root) is searched one
 * level down, and no further: a folder such as `/` must not become a search of the whole machine. Links are not
 * followed, so a loop cannot either.
 */
function filesOfFolder(dir: string, levelsDown = 1): string[] {
  const entries = listFolder(dir).sort((a, b) => a.name.localeCompare(b.name));
  const json = entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => join(dir, e.name));
  if (json.length > 0 || levelsDown === 0) return json;
  return entries
    .filter((e) => e.isDirectory())
    .flatMap((e) => filesOfFolder(join(dir, e.name), levelsDown - 1));
}

function expand(arg: string): string[] {
  if (isDynamicPattern(arg)) {
    const matched = boundedGlob(arg);
    if (matched.length === 0) throw new BenchInputError(`${arg}: the pattern matches no file`);
    return matched;
  }
  let isDir: boolean;
  try {
    isDir = statSync(arg).isDirectory();
  } catch {
    throw new BenchInputError(`${arg}: not found`);
  }
  if (!isDir) return [arg];
  const found = filesOfFolder(arg);
  if (found.length === 0) throw new BenchInputError(`${arg}: the folder holds no .json result`);
  return found;
}

/** Where a path leads, links resolved; a path that leads nowhere stays as it is, to be refused when read. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** One path per file: a link, a `./` or a folder given beside a file in it must not count one run twice. */
function distinctFiles(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const real = realPath(p);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function select(files: string[], selection: RunSelection, args: readonly string[]): string[] {
  let picked = files;
  if (selection.name !== undefined) {
    const name = selection.name;
    picked = picked.filter((f) => savedRunName(f) === name || basename(f) === `${name}.json`);
    if (picked.length === 0) {
      const names = [...new Set(files.map(savedRunName))].slice(0, 8).join(", ");
      throw new BenchInputError(
        `${args.join(" ")}: no saved run is named "${name}" (saved names: ${names || "none"})`,
      );
    }
  }
  if (selection.last !== undefined) picked = picked.slice(-selection.last);
  return picked;
}

/** Files that differ in these fingerprint fields (cpu, runtime, os ...) did not run in one environment. */
function historyMismatch(files: readonly BenchFile[]): string[] {
  const fields = new Set<string>();
  for (const f of files) {
    for (const [k, v] of Object.entries(f.environment ?? {})) {
      const first = files[0]?.environment?.[k];
      if (v !== undefined && first !== undefined && v !== first) fields.add(k);
    }
  }
  return [...fields].sort();
}

/**
 * The files of one side: paths, folders and globs, each file one process-level round. Every problem (nothing
 * matched, formats mixed) is a BenchInputError: a compare of nothing must never pass. Both sides of a compare
 * share one budget, so that the limits hold for the compare, not for each side.
 */
export function readRunSet(
  args: readonly string[],
  selection: RunSelection = {},
  budget: InputBudget = new InputBudget(),
): RunSet {
  if (args.length === 0) throw new BenchInputError("no result file given");
  const paths = select(distinctFiles(args.flatMap(expand)), selection, args);
  if (paths.length > MAX_RESULT_FILES)
    throw new BenchInputError(
      `bench compare: ${args.join(" ")} name more than ${MAX_RESULT_FILES} result files (the limit); name the result files more narrowly`,
    );
  budget.chargeSizes(paths);
  const files = paths.map((p) => readBenchFile(p, budget));
  const names = new Set(files.flatMap((f) => f.entries.map((e) => e.name)));
  if (names.size > MAX_BENCHMARKS)
    throw new BenchInputError(
      `bench compare: ${args.join(" ")} hold more than ${MAX_BENCHMARKS} benchmarks, the limit for one side; compare fewer at a time`,
    );
  const formats = [...new Set(files.map((f) => f.format))];
  if (formats.length > 1) {
    const which = formats.map((fmt) => `${fmt} (${files.find((f) => f.format === fmt)?.file})`).join(", ");
    throw new BenchInputError(`one side mixes result formats: ${which}`);
  }
  const [format] = formats;
  if (format === undefined) throw new BenchInputError(`${args.join(" ")}: no result file to read`);
  return { files, format, history_mismatch: historyMismatch(files) };
}
