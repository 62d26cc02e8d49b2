import { escapeData, escapeProperty } from "../common/index.js";

/** One problem in one runbook, at the place a reader should look. */
export interface Finding {
  file: string;
  line: number;
  column?: number;
  rule: string;
  message: string;
}

export const FORMATS = ["text", "json", "github"] as const;
export type Format = (typeof FORMATS)[number];

export function formatFindings(findings: readonly Finding[], format: Format): string {
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
