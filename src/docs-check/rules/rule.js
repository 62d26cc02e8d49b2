import { sectionsNamed } from "../document.js";
export function finding(ctx, rule, line, message, column) {
  return column === undefined
    ? { file: ctx.doc.file, line, rule, message }
    : { file: ctx.doc.file, line, column, rule, message };
}
/**
 * The named section, or a finding that it is missing. Several sections of one name are read as one: a term in
 * any of them counts.
 */
export function requireSection(ctx, rule, title) {
  const sections = sectionsNamed(ctx.doc, title);
  return sections.length > 0 ? sections : finding(ctx, rule, 1, `no section "${title}"`);
}
