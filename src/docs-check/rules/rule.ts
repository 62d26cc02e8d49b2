import type { FileContract } from "../contract.js";
import { type MarkdownDoc, type Section, sectionsNamed } from "../document.js";
import type { Finding } from "../finding.js";

export interface RuleContext {
  doc: MarkdownDoc;
  spec: FileContract;
  triggerIds: readonly string[];
  commandLimits: { knownPresets?: string[]; maxTtlSeconds?: number };
  /** What a link to `path` (relative to the checked root) reaches. */
  linkTarget(path: string): LinkTarget;
}

/**
 * A file a link reaches: a markdown file with its parsed text, another regular file (`doc` null), or why it reaches
 * nothing ("missing file", "a directory", "a path outside the repository"...).
 */
export type LinkTarget = { doc: MarkdownDoc | null } | { problem: string };

/** One check over one runbook. Each lives in its own file and is registered in ./index.ts. */
export interface DocsRule {
  id: string;
  check(ctx: RuleContext): Finding[];
}

export function finding(
  ctx: RuleContext,
  rule: string,
  line: number,
  message: string,
  column?: number,
): Finding {
  return column === undefined
    ? { file: ctx.doc.file, line, rule, message }
    : { file: ctx.doc.file, line, column, rule, message };
}

/**
 * The sections named `title`; several of one name are read as one, so a term in any of them counts. None when the
 * section is missing: required-heading reports that once, so the rules that look inside it stay quiet.
 */
export function sectionsOf(ctx: RuleContext, title: string): Section[] {
  return sectionsNamed(ctx.doc, title);
}

/** The 1-based line a token index starts on; the end of the document for an index past the last token. */
export function lineOfToken(ctx: RuleContext, index: number): number {
  return (ctx.doc.tokens[index]?.map?.[0] ?? ctx.doc.lineCount) + 1;
}

/** The line of the document's first heading, where a finding about the whole document reads best. */
export function firstHeadingLine(ctx: RuleContext): number {
  return ctx.doc.headings[0]?.line ?? 1;
}
