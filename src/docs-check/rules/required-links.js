import { linkTarget } from "./link-targets.js";
import { finding, requireSection } from "./rule.js";
/** Links the contract requires, so runbooks stay tied to each other; where they must stand, when it says. */
export const requiredLinks = {
  id: "required-link",
  check(ctx) {
    return (ctx.spec.links ?? []).flatMap((rule) => {
      let candidates = ctx.doc.links;
      let line = 1;
      if (rule.section) {
        const sections = requireSection(ctx, this.id, rule.section);
        if (!Array.isArray(sections)) return [sections];
        const lineOf = (index) => (ctx.doc.tokens[index]?.map?.[0] ?? ctx.doc.lineCount) + 1;
        candidates = candidates.filter((l) =>
          sections.some((s) => l.line >= lineOf(s.start) && l.line < lineOf(s.end)),
        );
        line = sections[0]?.heading.line ?? 1;
      }
      const wanted = linkTarget(ctx.doc.file, rule.to);
      const present = candidates.some((l) => {
        const got = linkTarget(ctx.doc.file, l.href);
        return got.path === wanted.path && (wanted.anchor === null || got.anchor === wanted.anchor);
      });
      const where = rule.section ? ` in section "${rule.section}"` : "";
      return present ? [] : [finding(ctx, this.id, line, `no link to ${rule.to}${where}`)];
    });
  },
};
