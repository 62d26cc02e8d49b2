/**
 * Counts the type assertions in src/ (`x as T` and `<T>x`), leaving out `as const` and the generated modules: each
 * one is a place where the code tells the compiler what it could not prove. Read with the TypeScript compiler, so
 * a comment or a string saying "as" is never counted.
 */
import { readFileSync } from "node:fs";
import { globSync } from "tinyglobby";
import ts from "typescript";

export interface CastCount {
  total: number;
  target: number;
  by_file: Record<string, number>;
}

const isConst = (node: ts.AsExpression | ts.TypeAssertion) =>
  ts.isTypeReferenceNode(node.type) &&
  ts.isIdentifier(node.type.typeName) &&
  node.type.typeName.text === "const";

export function countCasts(root = "."): CastCount {
  const files = globSync("src/**/*.ts", { cwd: root }).filter((f) => !/generated\.ts$/.test(f));
  const byFile: Record<string, number> = {};
  for (const file of files.sort()) {
    const source = ts.createSourceFile(
      file,
      readFileSync(`${root}/${file}`, "utf8"),
      ts.ScriptTarget.Latest,
      true,
    );
    let count = 0;
    const visit = (node: ts.Node) => {
      if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isConst(node)) count += 1;
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (count) byFile[file] = count;
  }
  const total = Object.values(byFile).reduce((a, b) => a + b, 0);
  return { total, target: 100, by_file: byFile };
}

if (process.argv[1]?.endsWith("casts.ts")) {
  const { total, by_file } = countCasts();
  const top = Object.entries(by_file)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  console.log(`as casts in src/ (without as const and generated code): ${total}`);
  for (const [file, n] of top) console.log(`  ${String(n).padStart(3)} ${file}`);
}
