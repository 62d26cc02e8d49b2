import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

export interface Heading {
  level: number;
  text: string;
  slug: string;
  line: number;
  /** Index of its heading_open token. */
  index: number;
}

export interface Section {
  heading: Heading;
  /** Token range [start, end): from the heading to the next heading of the same or a higher level. */
  start: number;
  end: number;
}

export interface Link {
  href: string;
  line: number;
  column: number;
}

export interface CodeSpan {
  content: string;
  line: number;
  column: number;
}

export interface Fence {
  info: string;
  content: string;
  /** The line of the opening ```; content starts on the next line. */
  line: number;
}

/** A markdown file as the checker sees it: markdown-it's token stream, with 1-based lines. */
export interface MarkdownDoc {
  file: string;
  lines: string[];
  lineCount: number;
  tokens: Token[];
  headings: Heading[];
  links: Link[];
  codeSpans: CodeSpan[];
  fences: Fence[];
}

const md = new MarkdownIt({ html: true });

/** Blanks a leading YAML front matter block, keeping its lines so every line number stays true. */
export function blankFrontMatter(source: string): string {
  const lines = source.split("\n");
  if (lines[0]?.trim() !== "---") return source;
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === "---" || l.trim() === "..."));
  if (end < 0) return source;
  return lines.map((l, i) => (i <= end ? "" : l)).join("\n");
}

/** The text GitHub slugs a heading from: its text and inline code, without markup. */
function plainText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((c) => c.type === "text" || c.type === "code_inline")
    .map((c) => c.content)
    .join("");
}

/**
 * Walks an inline token's children, tracking the line each child is on (softbreaks move it on). Inline tokens in
 * table cells carry no line map; they take the line of the row around them.
 */
function eachChild(inline: Token, fallbackLine: number, visit: (child: Token, line: number) => void): void {
  let line = inline.map ? inline.map[0] + 1 : fallbackLine;
  for (const child of inline.children ?? []) {
    if (child.type === "softbreak" || child.type === "hardbreak") line += 1;
    visit(child, line);
  }
}

function columnOf(lines: string[], line: number, needle: string): number {
  const at = lines[line - 1]?.indexOf(needle) ?? -1;
  return at >= 0 ? at + 1 : 1;
}

export function parseMarkdown(file: string, source: string): MarkdownDoc {
  const lines = source.split("\n");
  const tokens = md.parse(blankFrontMatter(source), {});
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const links: Link[] = [];
  const codeSpans: CodeSpan[] = [];
  const fences: Fence[] = [];
  let lastLine = 1;
  tokens.forEach((token, index) => {
    if (token.map) lastLine = token.map[0] + 1;
    if (token.type === "heading_open") {
      const text = plainText(tokens[index + 1]);
      headings.push({
        level: Number(token.tag.slice(1)),
        text,
        slug: slugger.slug(text),
        line: (token.map?.[0] ?? 0) + 1,
        index,
      });
    } else if (token.type === "fence") {
      fences.push({ info: token.info.trim(), content: token.content, line: (token.map?.[0] ?? 0) + 1 });
    } else if (token.type === "inline") {
      eachChild(token, lastLine, (child, line) => {
        if (child.type === "link_open") {
          const href = child.attrGet("href") ?? "";
          links.push({ href, line, column: columnOf(lines, line, `](${href}`) + 2 });
        } else if (child.type === "code_inline") {
          codeSpans.push({ content: child.content, line, column: columnOf(lines, line, child.content) });
        }
      });
    }
  });
  const lineCount = source.endsWith("\n") ? lines.length - 1 : lines.length;
  return { file, lines, lineCount, tokens, headings, links, codeSpans, fences };
}

/** The sections named `title` (case-insensitive): each runs to the next heading of the same or higher level. */
export function sectionsNamed(doc: MarkdownDoc, title: string): Section[] {
  const wanted = title.trim().toLowerCase();
  return doc.headings
    .map((heading, i) => {
      const next = doc.headings.slice(i + 1).find((h) => h.level <= heading.level);
      return { heading, start: heading.index, end: next ? next.index : doc.tokens.length };
    })
    .filter((s) => s.heading.text.trim().toLowerCase() === wanted);
}

/**
 * The words of a section a reader sees as prose: paragraphs, lists, tables and sub-headings. Code spans and fences
 * count only when `withCode`; HTML (comments included) never does.
 */
export function sectionText(doc: MarkdownDoc, section: Section, withCode: boolean): string {
  const parts: string[] = [];
  // From after the section's own heading: a title that names a term does not discuss it.
  for (const token of doc.tokens.slice(section.start + 3, section.end)) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || (withCode && child.type === "code_inline")) parts.push(child.content);
      }
    } else if (withCode && (token.type === "fence" || token.type === "code_block")) {
      parts.push(token.content);
    }
  }
  return parts.join(" ").replace(/\s+/g, " ");
}

/** Whole-term, case-insensitive: "normal" does not match "abnormal". */
export function containsTerm(text: string, term: string): boolean {
  const escaped = term
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "i").test(text);
}
