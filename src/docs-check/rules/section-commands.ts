import { invocations } from "../commands.js";
import { type DocsRule, finding, lineOfToken, sectionsOf } from "./rule.js";

/** A required command, such as the revert path, must stand in a shell fence inside the named section. */
export const sectionCommands: DocsRule = {
  id: "section-command",
  check(ctx) {
    const all = invocations(ctx.doc).filter(
      (i) => !ctx.doc.codeSpans.some((c) => c.line === i.line && c.content === i.text),
    );
    return (ctx.spec.commands ?? []).flatMap((rule) => {
      const sections = sectionsOf(ctx, rule.section);
      const [first] = sections;
      if (!first) return [];
      const inside = all.filter((i) =>
        sections.some((s) => i.line >= lineOfToken(ctx, s.start) && i.line < lineOfToken(ctx, s.end)),
      );
      const written = inside.map((i) => ["nemesis-ctl", ...i.argv].join(" "));
      return rule.commands
        .filter((wanted) => !written.some((w) => w === wanted || w.startsWith(`${wanted} `)))
        .map((wanted) =>
          finding(ctx, this.id, first.heading.line, `section "${rule.section}" has no fenced "${wanted}"`),
        );
    });
  },
};
