import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { FileKindError, fileKind, readRegularFile } from "../common/index.js";
import {
  commandLimits,
  type DocsContract,
  DocsContractError,
  type FileContract,
  triggerIds,
} from "./contract.js";
import { type MarkdownDoc, parseMarkdown } from "./document.js";
import type { Finding } from "./finding.js";
import { docsRules } from "./rules/index.js";
import type { LinkTarget } from "./rules/rule.js";

/** The largest runbook, or markdown file a link reaches, the checker parses: a runbook is read by people. */
export const MAX_RUNBOOK_BYTES = 2 * 1024 * 1024;

export interface CheckOptions {
  triggerIds?: readonly string[];
  commandLimits?: { knownPresets?: string[]; maxTtlSeconds?: number };
  /** Other files, for link targets; none resolve without it. */
  loadDoc?: (path: string) => MarkdownDoc | null;
}

const missing: LinkTarget = { problem: "missing file" };
const fromDoc = (doc: MarkdownDoc | null): LinkTarget => (doc ? { doc } : missing);

/** Checks one markdown text against one file's contract. Pure but for what `loadDoc` reads. */
export function checkMarkdown(
  file: string,
  source: string,
  spec: FileContract,
  options: CheckOptions = {},
): Finding[] {
  const doc = parseMarkdown(file, source);
  const loadDoc = options.loadDoc ?? ((path: string) => (path === file ? doc : null));
  const ctx = {
    doc,
    spec,
    triggerIds: options.triggerIds ?? [],
    commandLimits: options.commandLimits ?? {},
    linkTarget: (path: string) => fromDoc(loadDoc(path)),
  };
  return docsRules
    .flatMap((rule) => rule.check(ctx))
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** Whether `target` (absolute) lies outside the folder `top`, decided from the text alone. */
export function isOutside(target: string, top: string): boolean {
  const rel = relative(top, target);
  return isAbsolute(rel) || rel === ".." || rel.startsWith("../") || rel.startsWith("..\\");
}

/** The repository a runbook belongs to: the nearest folder above it holding `.git`, else the checked root. */
function repositoryOf(file: string, root: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(root);
  }
}

/**
 * A runbook the contract or the command line names, parsed; null when it is missing. One that is not a regular
 * file, or is larger than MAX_RUNBOOK_BYTES, is a usage problem (exit 2), named as it was given.
 */
function readRunbook(path: string, root: string): MarkdownDoc | null {
  const full = resolve(root, path);
  if (!existsSync(full)) return null;
  try {
    const text = readRegularFile(full, { what: "runbook", maxBytes: MAX_RUNBOOK_BYTES }).toString("utf8");
    return parseMarkdown(path, text);
  } catch (err) {
    if (!(err instanceof FileKindError)) throw err;
    throw new DocsContractError(`${path}${err.message.slice(full.length)}`);
  }
}

interface Reach {
  root: string;
  /** The repository of the linking file: no link may climb out of it. */
  repository: string;
  loadDoc: (path: string) => MarkdownDoc | null;
}

/**
 * What a link to `path` (relative to the root) reaches. A path that climbs out of the repository is refused before
 * the file system is asked anything about it; a folder, device or FIFO is never opened; only a markdown file is
 * read, and only up to the limit.
 */
function reach(path: string, { root, repository, loadDoc }: Reach): LinkTarget {
  const full = resolve(root, path);
  if (isOutside(full, repository)) return { problem: "a path outside the repository" };
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(full);
  } catch {
    return missing;
  }
  if (!stats.isFile()) return { problem: fileKind(stats) };
  if (!path.endsWith(".md")) return { doc: null };
  if (stats.size > MAX_RUNBOOK_BYTES)
    return { problem: `a file larger than the ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB limit` };
  try {
    return fromDoc(loadDoc(path));
  } catch (err) {
    if (err instanceof DocsContractError) return { problem: "a file that cannot be read" };
    throw err;
  }
}

/** Checks every file the contract names against every rule. Paths are relative to `root`. */
export function checkDocs(contract: DocsContract, root: string = process.cwd()): Finding[] {
  const cache = new Map<string, MarkdownDoc | null>();
  const loadDoc = (path: string): MarkdownDoc | null => {
    if (!cache.has(path)) cache.set(path, readRunbook(path, root));
    return cache.get(path) ?? null;
  };
  const limits = commandLimits(contract, root);
  const ids = triggerIds(contract, root);
  return contract.files.flatMap((spec) => {
    const doc = loadDoc(spec.path);
    if (!doc)
      return [{ file: spec.path, line: 1, rule: "file-exists", message: "required runbook is missing" }];
    const repository = repositoryOf(resolve(root, spec.path), root);
    const ctx = {
      doc,
      spec,
      triggerIds: ids,
      commandLimits: limits,
      linkTarget: (path: string) => reach(path, { root, repository, loadDoc }),
    };
    return docsRules
      .flatMap((rule) => rule.check(ctx))
      .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  });
}
