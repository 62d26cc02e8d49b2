import type { FileContract } from "../contract.js";
import { sectionsNamed } from "../document.js";
import { type DocsRule, finding, firstHeadingLine, type RuleContext } from "./rule.js";

/** What each section the contract names is needed for, in the order a reader meets them. */
function neededSections(spec: FileContract): Map<string, { title: string; needs: string[] }> {
  const sections = new Map<string, { title: string; needs: string[] }>();
  const need = (title: string, what?: string) => {
    const key = title.trim().toLowerCase();
    const entry = sections.get(key) ?? { title, needs: [] };
    if (what) entry.needs.push(what);
    sections.set(key, entry);
  };
  const quoted = (items: readonly string[]) => items.map((i) => `"${i}"`).join(", ");
  for (const title of spec.headings ?? []) need(title);
  for (const rule of spec.terms ?? []) need(rule.section, `the terms ${quoted(rule.terms)}`);
  for (const rule of spec.commands ?? []) need(rule.section, `the commands ${quoted(rule.commands)}`);
  for (const rule of spec.links ?? []) if (rule.section) need(rule.section, `a link to ${rule.to}`);
  if (spec.trigger_ids_in) need(spec.trigger_ids_in, "every rollback trigger id");
  return sections;
}

/** The line of the nearest heading the contract lists before `title` that the document has; else its first. */
function lineToFollow(ctx: RuleContext, title: string): number {
  const order = (ctx.spec.headings ?? []).map((h) => h.trim().toLowerCase());
  const at = order.indexOf(title.trim().toLowerCase());
  for (let i = at - 1; i >= 0; i--) {
    const [present] = sectionsNamed(ctx.doc, order[i] ?? "");
    if (present) return present.heading.line;
  }
  return firstHeadingLine(ctx);
}

/**
 * Every section the contract names (as a heading, or as the place for terms, commands, links or trigger ids) must
 * be a heading in the token stream: a `#` line inside a fence is not one. A missing one is reported once, at the
 * heading it should follow, with what the contract looks for in it; the rules that read inside it stay quiet.
 */
export const requiredHeading: DocsRule = {
  id: "required-heading",
  check(ctx) {
    return [...neededSections(ctx.spec).values()]
      .filter(({ title }) => sectionsNamed(ctx.doc, title).length === 0)
      .map(({ title, needs }) => {
        const why = needs.length ? `; the contract looks there for ${needs.join("; ")}` : "";
        return finding(ctx, this.id, lineToFollow(ctx, title), `missing heading "${title}"${why}`);
      });
  },
};
