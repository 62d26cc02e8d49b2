/**
 * Control characters (C0, DEL, C1) and the Unicode bidi controls. Text from a server or a file that reaches a
 * terminal could otherwise move the cursor, clear the screen, retitle the window, forge a table row with a
 * newline, or reorder what the reader sees.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The text with each unsafe character shown as a visible escape (\n, \u001b, \u202e), so it prints inert. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
