import { containsTerm, sectionText } from "../document.js";
import { finding, requireSection } from "./rule.js";
export const triggerIds = {
  id: "trigger-ids",
  check(ctx) {
    const title = ctx.spec.trigger_ids_in;
    if (!title) return [];
    const sections = requireSection(ctx, this.id, title);
    if (!Array.isArray(sections)) return [sections];
    const text = sections.map((s) => sectionText(ctx.doc, s, false)).join(" ");
    const line = sections[0]?.heading.line ?? 1;
    return ctx.triggerIds
      .filter((id) => !containsTerm(text, id))
      .map((id) => finding(ctx, this.id, line, `section "${title}" does not name rollback trigger ${id}`));
  },
};
