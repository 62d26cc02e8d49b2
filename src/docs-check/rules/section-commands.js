import { invocations } from "../commands.js";
import { finding, requireSection } from "./rule.js";
/** A required command, such as the revert path, must stand in a shell fence inside the named section. */
export const sectionCommands = {
  id: "section-command",
  check(ctx) {
    const all = invocations(ctx.doc).filter(
      (i) => !ctx.doc.codeSpans.some((c) => c.line === i.line && c.content === i.text),
    );
    return (ctx.spec.commands ?? []).flatMap((rule) => {
      const sections = requireSection(ctx, this.id, rule.section);
      if (!Array.isArray(sections)) return [sections];
      const lineOf = (index) => (ctx.doc.tokens[index]?.map?.[0] ?? ctx.doc.lineCount) + 1;
      const inside = all.filter((i) =>
        sections.some((s) => i.line >= lineOf(s.start) && i.line < lineOf(s.end)),
      );
      const written = inside.map((i) => ["nemesis-ctl", ...i.argv].join(" "));
      return rule.commands
        .filter((wanted) => !written.some((w) => w === wanted || w.startsWith(`${wanted} `)))
        .map((wanted) =>
          finding(
            ctx,
            this.id,
            sections[0]?.heading.line ?? 1,
            `section "${rule.section}" has no fenced "${wanted}"`,
          ),
        );
    });
  },
};
