import { linkTarget } from "./link-targets.js";
import { type DocsRule, finding, firstHeadingLine, lineOfToken, sectionsOf } from "./rule.js";

/** Links the contract requires, so runbooks stay tied to each other; where they must stand, when it says. */
export const requiredLinks: DocsRule = {
  id: "required-link",
  check(ctx) {
    return (ctx.spec.links ?? []).flatMap((rule) => {
      let candidates = ctx.doc.links;
      let line = firstHeadingLine(ctx);
      if (rule.section) {
        const sections = sectionsOf(ctx, rule.section);
        const [first] = sections;
        if (!first) return [];
        candidates = candidates.filter((l) =>
          sections.some((s) => l.line >= lineOfToken(ctx, s.start) && l.line < lineOfToken(ctx, s.end)),
        );
        line = first.heading.line;
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
