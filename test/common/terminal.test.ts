import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeForTerminal } from "../../src/common/index.js";

// The pure escaping runs with `npm test`: an edit that lets ESC through must fail there, not only in the hostile suites.
const ESCAPES: [string, string, string][] = [
  ["plain text stays", "balanced → aggressive", "balanced → aggressive"],
  ["ESC and BEL", "\u001b]0;t\u0007", "\\u001b]0;t\\u0007"],
  ["newline, return and tab", "a\nb\rc\td", "a\\nb\\rc\\td"],
  ["DEL and C1 CSI", "\u007f\u009b", "\\u007f\\u009b"],
  ["bidi overrides and isolates", "\u202ex\u2066y\u2069\u200f", "\\u202ex\\u2066y\\u2069\\u200f"],
];

describe("escapeForTerminal", () => {
  it.each(ESCAPES)("%s", (_name, raw, shown) => {
    expect(escapeForTerminal(raw)).toBe(shown);
  });
});
/** Any character, with every control and bidi character drawn often enough to matter. */
const controls = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)),
  "\u061c",
  "\u200e",
  "\u200f",
  ..."\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
];
const textUnit = fc.oneof(
  fc.constantFrom(...controls),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

describe("escapeForTerminal, for any text", () => {
  it("leaves no control character, no bidi control, and changes nothing else", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: textUnit, maxLength: 60 }), (text) => {
        const shown = escapeForTerminal(text);
        expect(shown).not.toMatch(unsafe);
        if (!unsafe.test(text)) expect(shown).toBe(text);
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
