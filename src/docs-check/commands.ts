import { parse } from "shell-quote";
import type { MarkdownDoc } from "./document.js";

/** A documented `nemesis-ctl` call: what follows the program name, and where it stands. */
export interface Invocation {
  source: "fence" | "inline";
  text: string;
  argv: string[];
  line: number;
  column: number;
}

/** Which program's calls to find: its command word, the start of an inline span, and the fences to read. */
export interface ProgramPattern {
  /** As written in a runbook; where it stands on a line gives a finding's column. */
  word: string;
  command: RegExp;
  inline: (span: string) => boolean;
  fence: (lang: string) => boolean;
}

const SHELL_FENCES = new Set(["bash", "sh", "shell", "console"]);

export const NEMESIS_CTL: ProgramPattern = {
  word: "nemesis-ctl",
  command: /(^|\/)nemesis-ctl$/,
  inline: (span) => span.startsWith("nemesis-ctl "),
  fence: (lang) => SHELL_FENCES.has(lang),
};

/** The old Bash tool. Old runbooks often fence its calls without a language, so those fences count too. */
export const LEGACY_NEMESIS_CTL: ProgramPattern = {
  word: "nemesis-ctl.sh",
  command: /(^|\/)nemesis-ctl\.sh$/,
  inline: (span) => /^(\S*\/)?nemesis-ctl\.sh /.test(span),
  fence: (lang) => SHELL_FENCES.has(lang) || lang === "" || lang === "text",
};
const PREFIXES = new Set(["sudo", "npx", "exec", "command"]);

interface LogicalLine {
  text: string;
  line: number;
}

/** Joins `\` continuations and strips `$ ` prompts; in a console fence only prompted lines are commands. */
function logicalLines(content: string, firstLine: number, console: boolean): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: LogicalLine | null = null;
  content.split("\n").forEach((raw, i) => {
    if (pending) {
      const more = raw.replace(/^>\s?/, "");
      pending.text += ` ${more.replace(/\\$/, "").trim()}`;
      if (!more.trimEnd().endsWith("\\")) {
        out.push(pending);
        pending = null;
      }
      return;
    }
    const prompted = /^\s*\$ /.test(raw);
    if (console && !prompted) return;
    const text = raw.replace(/^\s*\$ /, "");
    if (text.trim() === "" || text.trim().startsWith("#")) return;
    const line = { text: text.replace(/\\\s*$/, "").trim(), line: firstLine + i };
    if (text.trimEnd().endsWith("\\")) pending = line;
    else out.push(line);
  });
  if (pending) out.push(pending);
  return out;
}

/** Splits one shell line into the argv of each `nemesis-ctl` call in it; comments and operators end a call. */
export function nemesisCalls(text: string, program: RegExp = NEMESIS_CTL.command): string[][] {
  const entries = parse(text, (key) => `$${key}`);
  const calls: string[][] = [];
  let segment: string[] = [];
  const flush = () => {
    let i = 0;
    while (i < segment.length && (/^\w+=/.test(segment[i] ?? "") || PREFIXES.has(segment[i] ?? ""))) i += 1;
    if (program.test(segment[i] ?? "")) calls.push(segment.slice(i + 1));
    segment = [];
  };
  for (const entry of entries) {
    if (typeof entry === "string") segment.push(entry);
    else if ("comment" in entry) break;
    else if ("op" in entry && entry.op === "glob") segment.push(entry.pattern);
    else flush();
  }
  flush();
  return calls;
}

/** Every call of `program` (nemesis-ctl by default) in a fence it reads, or in inline code that starts with it. */
export function invocations(doc: MarkdownDoc, program: ProgramPattern = NEMESIS_CTL): Invocation[] {
  const found: Invocation[] = [];
  for (const fence of doc.fences) {
    const lang = fence.info.split(/\s+/)[0] ?? "";
    if (!program.fence(lang)) continue;
    for (const { text, line } of logicalLines(fence.content, fence.line + 1, lang === "console")) {
      const column = (doc.lines[line - 1]?.indexOf(program.word) ?? -1) + 1 || 1;
      for (const argv of nemesisCalls(text, program.command))
        found.push({ source: "fence", text, argv, line, column });
    }
  }
  for (const span of doc.codeSpans) {
    if (!program.inline(span.content)) continue;
    for (const argv of nemesisCalls(span.content, program.command))
      found.push({ source: "inline", text: span.content, argv, line: span.line, column: span.column });
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
