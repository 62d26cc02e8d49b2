import { containsTerm, sectionText } from "../document.js";
import { type DocsRule, finding, sectionsOf } from "./rule.js";

/** Every rollback-trigger id must be named in the prose of the section the contract says. */
export const triggerIds: DocsRule = {
  id: "trigger-ids",
  check(ctx) {
    const title = ctx.spec.trigger_ids_in;
    if (!title) return [];
    const sections = sectionsOf(ctx, title);
    const [first] = sections;
    if (!first) return [];
    const text = sections.map((s) => sectionText(ctx.doc, s, false)).join(" ");
    return ctx.triggerIds
      .filter((id) => !containsTerm(text, id))
      .map((id) =>
        finding(ctx, this.id, first.heading.line, `section "${title}" does not name rollback trigger ${id}`),
      );
  },
};
