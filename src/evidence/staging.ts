import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FileKindError, fileKind, isProcessAlive } from "../common/index.js";

/**
 * What the previous out folder holds that the new one takes over: `owned(path)` is true for the paths (relative,
 * with "/") that the writer itself makes, which the new run replaces whether or not it wrote them again.
 */
export interface ReplaceFolderOptions {
  owned?(path: string, isDirectory: boolean): boolean;
}

const STAGING = "gate-staging";
const PREVIOUS = "gate-previous";

/** `.<name>.<kind>-<pid>-<random>`: a hidden sibling of the out folder, named after the process that made it. */
const siblingPattern = (name: string) =>
  new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(${STAGING}|${PREVIOUS})-(\\d+)-`);

/**
 * Staging and set-aside folders of `out` left by a run that was killed (its process is gone): removed, so they
 * neither pile up nor get mistaken for evidence. A live run's folders are left alone. Returns what it removed.
 */
export function removeLeftovers(out: string): string[] {
  const parent = dirname(out);
  if (!existsSync(parent)) return [];
  const pattern = siblingPattern(basename(out));
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const match = pattern.exec(name);
    if (!match || isProcessAlive(Number(match[2]))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(join(parent, name));
  }
  return removed;
}

/**
 * Moves into `into` what `from` holds and `into` lacks, except what `owned` claims; a folder on both sides is
 * merged the same way. Other tools' files in the out folder (test reports, other runs' folders) so outlive a run.
 */
function carryOver(from: string, into: string, options: ReplaceFolderOptions, prefix = ""): void {
  for (const name of readdirSync(from)) {
    const path = `${prefix}${name}`;
    const source = join(from, name);
    const target = join(into, name);
    const isDirectory = lstatSync(source).isDirectory();
    if (options.owned?.(path, isDirectory)) continue;
    if (!existsSync(target)) renameSync(source, target);
    else if (isDirectory && lstatSync(target).isDirectory()) carryOver(source, target, options, `${path}/`);
  }
}

/**
 * Fills a fresh staging folder beside `out` (same parent, so the same file system) and swaps it in only when
 * `fill` has finished: the old folder is renamed aside, the staging folder renamed to `out`, the old one removed.
 * Whenever the process dies, `out` holds the previous complete folder or the new one, or (between the two renames)
 * nothing; never a mix of two runs. When `fill` throws, the staging folder is removed and `out` is untouched.
 * Leftovers of a killed run are removed first. An `out` that exists and is not a folder (a file, a device, a
 * symbolic link, even to a folder) is refused before anything is made: the swap would rename it away.
 */
export async function replaceFolder<T>(
  out: string,
  fill: (staging: string) => Promise<T>,
  options: ReplaceFolderOptions = {},
): Promise<T> {
  checkOutFolder(out);
  removeLeftovers(out);
  const parent = dirname(out);
  const name = basename(out);
  mkdirSync(parent, { recursive: true });
  // mkdirSync, not mkdtempSync: the folder that becomes `out` gets the usual permissions, not 0700.
  const staging = join(parent, `.${name}.${STAGING}-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(staging);
  let result: T;
  try {
    result = await fill(staging);
    if (existsSync(out)) carryOver(out, staging, options);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const aside = join(parent, `.${name}.${PREVIOUS}-${process.pid}-${randomBytes(4).toString("hex")}`);
  const hadPrevious = existsSync(out);
  if (hadPrevious) renameSync(out, aside);
  try {
    renameSync(staging, out);
  } catch (err) {
    if (hadPrevious) renameSync(aside, out);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (hadPrevious) rmSync(aside, { recursive: true, force: true });
  return result;
}

/** Refuses an out folder the swap would rename away: anything that exists and is not a real folder. */
function checkOutFolder(out: string): void {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(out);
  } catch {
    return;
  }
  if (!stats.isDirectory())
    throw new FileKindError(`${out}: refusing to replace ${fileKind(stats)}; give the path of a folder`);
}

/**
 * `value` with every string's `from` (a folder path) replaced by `to`: what a run recorded while writing to a
 * staging folder, given as where it ends up once the folder is swapped in.
 */
export function relocatePaths<T extends object>(value: T, from: string, to: string): T {
  const copy = structuredClone(value);
  rewriteStrings(copy, (s) => s.split(from).join(to));
  return copy;
}

/**
 * Rewrites every string under `node`, in place, at any depth. Each is redefined rather than assigned, so a key such
 * as `__proto__` in recorded data stays a plain field.
 */
function rewriteStrings(node: object, rewrite: (s: string) => string): void {
  const entries: [string, unknown][] = Object.entries(node);
  for (const [key, child] of entries) {
    if (typeof child === "string") Object.defineProperty(node, key, { value: rewrite(child) });
    else if (typeof child === "object" && child !== null) rewriteStrings(child, rewrite);
  }
}
