#!/usr/bin/env node
// Transpiles gates/bench/*.bench.ts to dist/bench-suites/*.bench.js with TypeScript's own transpiler. The suites
// only import types from src/, so each file stands alone; the main `tsc --noEmit` type-checks them.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

const from = new URL("./", import.meta.url);
const to = new URL("../../dist/bench-suites/", import.meta.url);
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith(".bench.ts"))) {
  const source = readFileSync(new URL(file, from), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: file,
  });
  writeFileSync(new URL(file.replace(/\.ts$/, ".js"), to), outputText);
}
