import { describe, expect, it } from "vitest";
import { type Bundle, junitXml } from "../../src/evidence/index.js";
import { smallBundle } from "../evidence/small-bundle.js";
import { xmlProblem } from "../well-formed-xml.js";

/** The small bundle with one failing check whose name and message are `text`. */
function bundleSaying(text: string): Bundle {
  const bundle = smallBundle(".", []);
  const docs = bundle.deterministic.steps.docs as { status: string; checks: unknown[] };
  docs.status = "fail";
  docs.checks = [{ name: `check ${text}`, pass: false, message: text, file: `file ${text}` }];
  return bundle;
}

describe("junit.xml of messages XML cannot hold", () => {
  it("the checker itself refuses what an XML parser refuses", () => {
    expect(xmlProblem('<a b="1"><c/>x &amp; y</a>')).toBeNull();
    expect(xmlProblem("<a>\u0007</a>")).toMatch(/forbidden character U\+7/);
    expect(xmlProblem("<a>x & y</a>")).toMatch(/bare &/);
    expect(xmlProblem("<a><b></a></b>")).toMatch(/closes another element/);
    expect(xmlProblem('<a b="<"/>')).toMatch(/no tag or text/);
    expect(xmlProblem("<a/><b/>")).toMatch(/second root/);
    expect(xmlProblem("<a>\ud800</a>")).toMatch(/forbidden character U\+d800/);
  });

  it.each([
    ["NUL", "\u0000", "\\u0000"],
    ["BEL", "\u0007", "\\u0007"],
    ["ESC of a colour", "\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m"],
    ["vertical tab", "\u000b", "\\u000b"],
    ["form feed", "\u000c", "\\u000c"],
    ["U+FFFE", "\ufffe", "\\ufffe"],
    ["U+FFFF", "\uffff", "\\uffff"],
    ["a lone high surrogate", "a\ud800b", "a\\ud800b"],
    ["a lone low surrogate", "a\udc00b", "a\\udc00b"],
  ])("%s: shown as an escape, in every attribute and text node", (_, text, shown) => {
    const xml = junitXml(bundleSaying(text));
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain(`name="check ${shown}"`);
    expect(xml).toContain(`file="file ${shown}"`);
    expect(xml).toContain(`<failure message="${shown}">${shown}</failure>`);
  });

  it("keeps what XML can hold: a surrogate pair, markup escaped, whitespace as references", () => {
    const xml = junitXml(bundleSaying('😀 <b> & "q"\ttab\nline\rreturn \u0085 \u2028'));
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain(
      'message="😀 &lt;b&gt; &amp; &quot;q&quot;&#9;tab&#10;line&#13;return \u0085 \u2028"',
    );
  });
});
