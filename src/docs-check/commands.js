import { parse } from "shell-quote";

const SHELL_FENCES = new Set(["bash", "sh", "shell", "console"]);
const PROGRAM = /(^|\/)nemesis-ctl$/;
const PREFIXES = new Set(["sudo", "npx", "exec", "command"]);
/** Joins `\` continuations and strips `$ ` prompts; in a console fence only prompted lines are commands. */
function logicalLines(content, firstLine, console) {
  const out = [];
  let pending = null;
  content.split("\n").forEach((raw, i) => {
    if (pending) {
      const more = raw.replace(/^>\s?/, "");
      pending.text += ` ${more.replace(/\\$/, "").trim()}`;
      if (!more.trimEnd().endsWith("\\")) {
        out.push(pending);
        pending = null;
      }
      return;
    }
    const prompted = /^\s*\$ /.test(raw);
    if (console && !prompted) return;
    const text = raw.replace(/^\s*\$ /, "");
    if (text.trim() === "" || text.trim().startsWith("#")) return;
    const line = { text: text.replace(/\\\s*$/, "").trim(), line: firstLine + i };
    if (text.trimEnd().endsWith("\\")) pending = line;
    else out.push(line);
  });
  if (pending) out.push(pending);
  return out;
}
/** Splits one shell line into the argv of each `nemesis-ctl` call in it; comments and operators end a call. */
export function nemesisCalls(text) {
  const entries = parse(text, (key) => `$${key}`);
  const calls = [];
  let segment = [];
  const flush = () => {
    let i = 0;
    while (i < segment.length && (/^\w+=/.test(segment[i] ?? "") || PREFIXES.has(segment[i] ?? ""))) i += 1;
    if (PROGRAM.test(segment[i] ?? "")) calls.push(segment.slice(i + 1));
    segment = [];
  };
  for (const entry of entries) {
    if (typeof entry === "string") segment.push(entry);
    else if ("comment" in entry) break;
    else if ("op" in entry && entry.op === "glob") segment.push(entry.pattern);
    else flush();
  }
  flush();
  return calls;
}
/** Every nemesis-ctl invocation in a shell fence, or in inline code that starts with `nemesis-ctl`. */
export function invocations(doc) {
  const found = [];
  for (const fence of doc.fences) {
    const lang = fence.info.split(/\s+/)[0] ?? "";
    if (!SHELL_FENCES.has(lang)) continue;
    for (const { text, line } of logicalLines(fence.content, fence.line + 1, lang === "console")) {
      const column = (doc.lines[line - 1]?.indexOf("nemesis-ctl") ?? -1) + 1 || 1;
      for (const argv of nemesisCalls(text)) found.push({ source: "fence", text, argv, line, column });
    }
  }
  for (const span of doc.codeSpans) {
    if (!span.content.startsWith("nemesis-ctl ")) continue;
    for (const argv of nemesisCalls(span.content))
      found.push({ source: "inline", text: span.content, argv, line: span.line, column: span.column });
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
