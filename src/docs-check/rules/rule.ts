import type { FileContract } from "../contract.js";
import { type MarkdownDoc, type Section, sectionsNamed } from "../document.js";
import type { Finding } from "../finding.js";

export interface RuleContext {
  doc: MarkdownDoc;
  spec: FileContract;
  triggerIds: readonly string[];
  commandLimits: { knownPresets?: string[]; maxTtlSeconds?: number };
  /** Another markdown file, for links; null when it does not exist. Paths are relative to the checked root. */
  loadDoc(path: string): MarkdownDoc | null;
}

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
 * The named section, or a finding that it is missing. Several sections of one name are read as one: a term in
 * any of them counts.
 */
export function requireSection(ctx: RuleContext, rule: string, title: string): Section[] | Finding {
  const sections = sectionsNamed(ctx.doc, title);
  return sections.length > 0 ? sections : finding(ctx, rule, 1, `no section "${title}"`);
}
