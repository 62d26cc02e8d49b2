import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to what was typed, when it is near enough to be a typo: at most two edits, or a third of
 * the word for long ones. Ties go to the first candidate, so the answer follows the declaration order.
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: { name: string; edits: number } | undefined;
  for (const name of candidates) {
    const edits = distance(typed, name);
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** `; did you mean "status"?`, or nothing when no candidate is near. `prefix` goes before it, e.g. `--`. */
export function didYouMean(typed: string, candidates: readonly string[], prefix = ""): string {
  const match = nearest(typed, candidates);
  return match === undefined ? "" : `; did you mean "${prefix}${match}"?`;
}

/** What follows a usage error's line: where help is. After a question ("did you mean …?") it goes in brackets. */
export function helpHint(message: string, helpCommand: string): string {
  return message.endsWith("?") ? ` (see ${helpCommand} --help)` : `; see ${helpCommand} --help`;
}
