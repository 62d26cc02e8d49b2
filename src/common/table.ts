/**
 * A plain-text table: columns padded to their widest cell and two spaces apart, the last column never padded, so
 * no line ends in spaces. With `width`, a longer line is cut to it, ending in "…".
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  width?: number,
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const render = (cells: readonly string[]) => {
    const line = cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
    return width !== undefined && line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };
  return [render(headers), ...rows.map(render)].join("\n");
}
