import { sectionsNamed } from "../document.js";
import { finding } from "./rule.js";
/** A heading is a heading in the token stream: a `#` line inside a fence is not one. */
export const requiredHeading = {
  id: "required-heading",
  check(ctx) {
    return (ctx.spec.headings ?? [])
      .filter((title) => sectionsNamed(ctx.doc, title).length === 0)
      .map((title) => finding(ctx, this.id, 1, `missing heading "${title}"`));
  },
};
