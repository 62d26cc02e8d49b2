/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls but tab, newline and return, U+FFFE, U+FFFF and
 * lone surrogates. No XML parser is among the dependencies, so this and `xmlProblem` stand in for one.
 */
export const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const NAME = "[A-Za-z_][\\w.-]*";
const ATTRIBUTE = `\\s+${NAME}="[^"<]*"`;
/** A start, end or empty tag, a run of text, or the XML declaration, each matched where the last one ended. */
const TOKEN = new RegExp(
  `<\\?xml(?:${ATTRIBUTE})*\\s*\\?>|<(${NAME})((?:${ATTRIBUTE})*)\\s*(/?)>|</(${NAME})\\s*>|([^<]+)`,
  "y",
);
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;

/** Every & starts a reference: a bare one is the commonest way an escaper breaks a document. */
function badAmpersand(text: string): boolean {
  return [...text.matchAll(/&/g)].some((m) => !REFERENCE.test(text.slice(m.index)));
}

/**
 * Why `xml` is not a well-formed document in the subset the gate writes (declaration, elements, attributes in
 * double quotes, text; no comments, CDATA or doctype), or null when it is: allowed characters only, every tag
 * closed in order, one root, attribute values and text free of raw < and bare &.
 */
export function xmlProblem(xml: string): string | null {
  const forbidden = NOT_XML.exec(xml);
  if (forbidden)
    return `forbidden character U+${forbidden[0].charCodeAt(0).toString(16)} at ${forbidden.index}`;
  const open: string[] = [];
  let roots = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m) return `no tag or text at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`;
    const [token, start, attributes = "", empty, end, text] = m;
    if (badAmpersand(text ?? attributes)) return `a bare & at ${at}`;
    if (text !== undefined && open.length === 0 && text.trim() !== "")
      return `text outside the root at ${at}`;
    if (start !== undefined && open.length === 0 && roots++ > 0) return `a second root element at ${at}`;
    if (start !== undefined && !empty) open.push(start);
    if (end !== undefined && open.pop() !== end) return `</${end}> closes another element at ${at}`;
    if (token.startsWith("<?xml") && at !== 0) return `an XML declaration at ${at}`;
  }
  if (open.length) return `<${open.at(-1)}> is never closed`;
  return roots === 1 ? null : "no root element";
}
