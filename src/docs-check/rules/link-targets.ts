import { dirname, join, normalize } from "node:path";
import { type DocsRule, finding } from "./rule.js";

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** Splits a relative link into the file it names (relative to the checked root) and its decoded anchor. */
export function linkTarget(fromFile: string, href: string): { path: string; anchor: string | null } {
  const hash = href.indexOf("#");
  const pathPart = hash >= 0 ? href.slice(0, hash) : href;
  const rawAnchor = hash >= 0 ? href.slice(hash + 1) : null;
  let anchor = rawAnchor;
  try {
    anchor = rawAnchor === null ? null : decodeURIComponent(rawAnchor);
  } catch {
    // A malformed escape stays as written; it will not match any heading.
  }
  const decodedPath = (() => {
    try {
      return decodeURIComponent(pathPart);
    } catch {
      return pathPart;
    }
  })();
  return { path: decodedPath === "" ? fromFile : normalize(join(dirname(fromFile), decodedPath)), anchor };
}

/**
 * Every relative link must reach a regular file inside the repository, and its anchor a heading in it (slugged as
 * GitHub does). A link to a folder, a device or a path that climbs out of the repository is a finding.
 */
export const linkTargets: DocsRule = {
  id: "link-target",
  check(ctx) {
    return ctx.doc.links.flatMap((link) => {
      if (EXTERNAL.test(link.href)) return [];
      const { path, anchor } = linkTarget(ctx.doc.file, link.href);
      const reached = ctx.linkTarget(path);
      if ("problem" in reached)
        return [finding(ctx, this.id, link.line, `link to ${reached.problem} "${link.href}"`, link.column)];
      const target = reached.doc;
      if (!target || anchor === null || anchor === "" || !path.endsWith(".md")) return [];
      if (target.headings.some((h) => h.slug === anchor)) return [];
      return [
        finding(ctx, this.id, link.line, `link to missing anchor "#${anchor}" in ${path}`, link.column),
      ];
    });
  },
};
