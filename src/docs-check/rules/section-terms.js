import { containsTerm, sectionText } from "../document.js";
import { finding, requireSection } from "./rule.js";
/** Terms must be in the prose of the named section: not in code (unless allowed), not in HTML comments. */
export const sectionTerms = {
  id: "section-terms",
  check(ctx) {
    return (ctx.spec.terms ?? []).flatMap((rule) => {
      const sections = requireSection(ctx, this.id, rule.section);
      if (!Array.isArray(sections)) return [sections];
      const text = sections.map((s) => sectionText(ctx.doc, s, rule.allow_code === true)).join(" ");
      const line = sections[0]?.heading.line ?? 1;
      return rule.terms
        .filter((term) => !containsTerm(text, term))
        .map((term) =>
          finding(ctx, this.id, line, `section "${rule.section}" does not mention "${term}" in its prose`),
        );
    });
  },
};
