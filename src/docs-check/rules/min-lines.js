import { finding } from "./rule.js";
export const minLines = {
  id: "min-lines",
  check(ctx) {
    const min = ctx.spec.min_lines;
    if (min === undefined || ctx.doc.lineCount >= min) return [];
    return [finding(ctx, this.id, 1, `${ctx.doc.lineCount} lines; the contract asks for at least ${min}`)];
  },
};
