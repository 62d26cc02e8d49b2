import { escapeXml as esc } from "../escape.js";

/** A cell's text, and optionally a class to mark it (a changed value, a fired trigger). */
export type Cell = string | number | boolean | null | { text: string; className: string };

function cellHtml(cell: Cell): string {
  if (cell !== null && typeof cell === "object")
    return `<td class="${esc(cell.className)}">${esc(cell.text)}</td>`;
  return `<td>${esc(cell ?? "-")}</td>`;
}

/**
 * A table named by `data-table`, so tests and readers can find it; every header and cell is escaped here, so no
 * caller can forget to. A table with no rows says so in one row rather than vanishing.
 */
export function htmlTable(
  name: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.length
    ? rows.map((row) => `<tr>${row.map(cellHtml).join("")}</tr>`).join("")
    : `<tr class="empty"><td colspan="${headers.length}">none recorded</td></tr>`;
  return `<table data-table="${esc(name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
