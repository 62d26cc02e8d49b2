/** The gate's verdict in the page heading. */
export const GATE_VERDICT_COLOURS = {
  pass: "#16a34a",
  fail: "#dc2626",
  partial: "#ea580c",
  incomplete: "#ea580c",
} as const;

/** A benchmark's verdict in the interval chart; a verdict not listed here (inconclusive) is orange. */
const BENCHMARK_VERDICT_COLOURS: ReadonlyMap<string, string> = new Map([
  ["regressed", "#dc2626"],
  ["improved", "#16a34a"],
  ["unchanged", "#2563eb"],
]);

const OTHER_BENCHMARK_VERDICT_COLOUR = "#ea580c";

export function benchmarkVerdictColour(verdict: string): string {
  return BENCHMARK_VERDICT_COLOURS.get(verdict) ?? OTHER_BENCHMARK_VERDICT_COLOUR;
}
