import { readdirSync } from "node:fs";
import { posix } from "node:path";
import MarkdownIt from "markdown-it";
import ts from "typescript";

/** One relative import in a source file and the file it names, both repository-relative with `/`. */
export interface ImportEdge {
  file: string;
  specifier: string;
  target: string;
  /**
   * Only a value import by commands/index.ts registers a command: the index also imports and re-exports the
   * command's shape, which is a type and no command.
   */
  kind: "import" | "type" | "export" | "dynamic";
}

/** Per part, the parts it may import, or every part; and the imports let through by name. */
export interface ImportRules {
  allowed: ReadonlyMap<string, ReadonlySet<string> | "everything">;
  exceptions: readonly { file: string; specifier: string }[];
}

const DOC = "docs/architecture.md";
/**
 * The parts whose modules stand alone and may be imported one by one, not only through their index: `common`, so
 * a CLI that needs its error classes does not load everything the index re-exports.
 */
const SEPARATE_MODULES = new Set(["common"]);
const COMMANDS = "src/gate/commands/";
const COMMANDS_INDEX = `${COMMANDS}index.ts`;
/** The generated manifest: the declarations, each command's module imported when it runs. */
const COMMANDS_MANIFEST = `${COMMANDS}manifest.generated.ts`;
const REGISTRIES = new Set([COMMANDS_INDEX, COMMANDS_MANIFEST]);
const COMMANDS_IMPORTER = "src/gate/cli-spec.ts";

interface Cell {
  text: string;
  codes: string[];
}

/** Every table of a markdown document, as rows of cells (the header row first). */
function tables(markdown: string): Cell[][][] {
  const found: Cell[][][] = [];
  let table: Cell[][] | undefined;
  let row: Cell[] | undefined;
  for (const token of new MarkdownIt().parse(markdown, {})) {
    if (token.type === "table_open") table = [];
    else if (token.type === "table_close" && table) found.push(table);
    else if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) table?.push(row);
    else if (token.type === "inline" && row) {
      const children = token.children ?? [];
      row.push({
        text: children.map((c) => c.content).join(""),
        codes: children.filter((c) => c.type === "code_inline").map((c) => c.content),
      });
    }
  }
  return found;
}

/** The table whose header cells start with `header`, without its header row; undefined when there is none. */
function findTable(all: Cell[][][], header: readonly string[]): Cell[][] | undefined {
  return all.find((t) => header.every((h, i) => t[0]?.[i]?.text.trim().toLowerCase() === h))?.slice(1);
}

function tableHeaded(all: Cell[][][], header: readonly string[]): Cell[][] {
  const table = findTable(all, header);
  if (!table) throw new Error(`${DOC}: no table headed ${header.join(" | ")}`);
  return table;
}

/** What a "may import" cell allows: the parts named in backticks, or the word nothing or everything. */
function allowedBy(part: string, cell: Cell | undefined): ReadonlySet<string> | "everything" {
  if (cell?.codes.length) return new Set(cell.codes);
  const word = cell?.text.trim();
  if (word === "nothing") return new Set();
  if (word === "everything") return "everything";
  throw new Error(
    `${DOC}: ${part} may import "${word ?? ""}": name parts in backticks, or write nothing or everything`,
  );
}

/** The import rules as docs/architecture.md writes them: the part | may import table, and the exceptions'. */
export function readImportRules(markdown: string): ImportRules {
  const all = tables(markdown);
  const allowed = new Map<string, ReadonlySet<string> | "everything">();
  for (const [partCell, importsCell] of tableHeaded(all, ["part", "may import"])) {
    const part = partCell?.codes[0] ?? partCell?.text.trim() ?? "";
    allowed.set(part, allowedBy(part, importsCell));
  }
  // No exceptions, no table: the document writes the table only while an import breaks the rule.
  const exceptions = (findTable(all, ["file", "imports"]) ?? []).map(([file, specifier]) => ({
    file: file?.codes[0] ?? "",
    specifier: specifier?.codes[0] ?? "",
  }));
  return { allowed, exceptions };
}

/** The relative imports of one TypeScript file, as the compiler parses them (comments and strings are not imports). */
export function importEdges(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, kind: ImportEdge["kind"]) => {
    if (!specifier.startsWith(".")) return;
    const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, ".ts");
    edges.push({ file, specifier, target, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ? "type" : "import");
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      add(node.moduleSpecifier.text, "export");
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      add(node.arguments[0].text, "dynamic");
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      add(node.argument.literal.text, "type");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every .ts file under `dir`, repository-relative with `/`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The part a file under src/ belongs to: its folder there; undefined for anything else. */
function partOf(file: string): string | undefined {
  return /^src\/([^/]+)\//.exec(file)?.[1];
}

const listed = (allowed: ReadonlySet<string>) => (allowed.size ? [...allowed].join(", ") : "nothing");

/** Why this import breaks the rule of commands as leaves; undefined when it does not. */
function commandProblem(edge: ImportEdge, commands: ReadonlySet<string>): string | undefined {
  if (!edge.target.startsWith(COMMANDS)) return undefined;
  const where = `${edge.file} imports ${edge.specifier}`;
  if (!edge.file.startsWith(COMMANDS))
    return edge.file === COMMANDS_IMPORTER && edge.target === COMMANDS_MANIFEST
      ? undefined
      : `${where}: only ${COMMANDS_IMPORTER} imports ${COMMANDS}, through its manifest`;
  if (commands.has(edge.target) && !REGISTRIES.has(edge.file))
    return `${where}: a command is a leaf, imported by ${COMMANDS_INDEX} and its manifest alone; move what it shares out of ${COMMANDS}`;
  return undefined;
}

/** Why this import from one part into another breaks the table; undefined when it does not. */
function partProblem(edge: ImportEdge, rules: ImportRules): string | undefined {
  const from = partOf(edge.file);
  const to = partOf(edge.target);
  if (!from || !to || from === to) return undefined;
  const allowed = rules.allowed.get(from);
  const where = `${edge.file} imports ${edge.specifier}`;
  if (allowed === undefined) return undefined;
  if (allowed !== "everything" && !allowed.has(to))
    return `${where}: ${from} may import ${listed(allowed)} (${DOC}), not ${to}`;
  if (edge.target !== `src/${to}/index.ts` && !SEPARATE_MODULES.has(to))
    return `${where}: a part imports another only through its index.ts, here src/${to}/index.ts`;
  return undefined;
}

/**
 * Every way the imports break the rules: a part importing a part its row does not name, or another part's file
 * other than its index.ts; a command imported by anything but the commands' index, or the commands by anything
 * but the gate's CLI; a folder under src/ without a row, or a row naming a part that has none. An exception lets
 * its import through, and fails once no import matches it. Parts with a row and no folder yet are fine.
 */
export function importViolations(
  files: readonly string[],
  edges: readonly ImportEdge[],
  rules: ImportRules,
): string[] {
  const problems: string[] = [];
  const parts = new Set<string>();
  for (const file of files) {
    const part = partOf(file);
    if (part) parts.add(part);
    else problems.push(`${file}: not in a part's folder under src/`);
  }
  for (const part of parts)
    if (!rules.allowed.has(part)) problems.push(`src/${part}/: a part with no row in ${DOC}'s import table`);
  for (const [part, allowed] of rules.allowed)
    if (allowed !== "everything")
      for (const other of allowed)
        if (!rules.allowed.has(other)) problems.push(`${DOC}: ${part} may import ${other}, which has no row`);
  const commands = new Set(
    edges
      .filter(
        (e) =>
          (e.file === COMMANDS_INDEX && e.kind === "import") ||
          (e.file === COMMANDS_MANIFEST && e.kind === "dynamic"),
      )
      .map((e) => e.target),
  );
  const used = new Set<number>();
  for (const edge of edges) {
    const exception = rules.exceptions.findIndex(
      (x) => x.file === edge.file && x.specifier === edge.specifier,
    );
    if (exception >= 0) {
      used.add(exception);
      continue;
    }
    const problem = commandProblem(edge, commands) ?? partProblem(edge, rules);
    if (problem) problems.push(problem);
  }
  rules.exceptions.forEach((x, i) => {
    if (!used.has(i))
      problems.push(
        `${DOC}: the exception ${x.file} imports ${x.specifier} no longer occurs; remove its row`,
      );
  });
  return problems;
}
