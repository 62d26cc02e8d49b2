export const FORMATS = ["text", "json", "github"];
/** GitHub workflow-command escaping: the message escapes %, CR and LF; properties also escape : and ,. */
export function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
export function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
export function formatFindings(findings, format) {
  if (format === "json") return `${JSON.stringify({ findings }, null, 2)}\n`;
  const lines = findings.map((f) => {
    if (format === "github") {
      const col = f.column === undefined ? "" : `,col=${f.column}`;
      return `::error file=${escapeProperty(f.file)},line=${f.line}${col},title=${escapeProperty(f.rule)}::${escapeData(f.message)}`;
    }
    return `${f.file}:${f.line}${f.column === undefined ? "" : `:${f.column}`}: ${f.rule}: ${f.message}`;
  });
  return lines.length ? `${lines.join("\n")}\n` : "";
}
