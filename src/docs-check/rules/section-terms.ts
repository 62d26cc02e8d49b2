import { containsTerm, sectionText } from "../document.js";
import { type DocsRule, finding, sectionsOf } from "./rule.js";

/** Terms must be in the prose of the named section: not in code (unless allowed), not in HTML comments. */
export const sectionTerms: DocsRule = {
  id: "section-terms",
  check(ctx) {
    return (ctx.spec.terms ?? []).flatMap((rule) => {
      const sections = sectionsOf(ctx, rule.section);
      const [first] = sections;
      if (!first) return [];
      const text = sections.map((s) => sectionText(ctx.doc, s, rule.allow_code === true)).join(" ");
      return rule.terms
        .filter((term) => !containsTerm(text, term))
        .map((term) =>
          finding(
            ctx,
            this.id,
            first.heading.line,
            `section "${rule.section}" does not mention "${term}" in its prose`,
          ),
        );
    });
  },
};
