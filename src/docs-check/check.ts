import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { commandLimits, type DocsContract, type FileContract, triggerIds } from "./contract.js";
import { type MarkdownDoc, parseMarkdown } from "./document.js";
import type { Finding } from "./finding.js";
import { docsRules } from "./rules/index.js";

export interface CheckOptions {
  triggerIds?: readonly string[];
  commandLimits?: { knownPresets?: string[]; maxTtlSeconds?: number };
  /** Other files, for link targets; none resolve without it. */
  loadDoc?: (path: string) => MarkdownDoc | null;
}

/** Checks one markdown text against one file's contract. Pure but for what `loadDoc` reads. */
export function checkMarkdown(
  file: string,
  source: string,
  spec: FileContract,
  options: CheckOptions = {},
): Finding[] {
  const doc = parseMarkdown(file, source);
  const ctx = {
    doc,
    spec,
    triggerIds: options.triggerIds ?? [],
    commandLimits: options.commandLimits ?? {},
    loadDoc: options.loadDoc ?? ((path: string) => (path === file ? doc : null)),
  };
  return docsRules
    .flatMap((rule) => rule.check(ctx))
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** Checks every file the contract names against every rule. Paths are relative to `root`. */
export function checkDocs(contract: DocsContract, root: string = process.cwd()): Finding[] {
  const cache = new Map<string, MarkdownDoc | null>();
  const loadDoc = (path: string): MarkdownDoc | null => {
    if (!cache.has(path)) {
      const full = resolve(root, path);
      cache.set(path, existsSync(full) ? parseMarkdown(path, readFileSync(full, "utf8")) : null);
    }
    return cache.get(path) ?? null;
  };
  const limits = commandLimits(contract, root);
  const ids = triggerIds(contract, root);
  return contract.files.flatMap((spec) => {
    const doc = loadDoc(spec.path);
    if (!doc)
      return [{ file: spec.path, line: 1, rule: "file-exists", message: "required runbook is missing" }];
    const ctx = { doc, spec, triggerIds: ids, commandLimits: limits, loadDoc };
    return docsRules
      .flatMap((rule) => rule.check(ctx))
      .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  });
}
