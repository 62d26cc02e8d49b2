/**
 * `npm run mutants`: plants each single edit of gates/mutants/planted.json in a copy of this repository and checks
 * that the tests fail with it. A test suite that passes with a planted bug in place cannot be trusted to catch it
 * when someone writes it by accident.
 *
 * - The copy holds the tracked and untracked (not ignored) files, with node_modules linked, so the working tree
 *   is never edited.
 * - A control run of the named tests on the unplanted copy must pass first: a failure there would make every
 *   mutant look caught.
 * - `--full` runs the whole unit suite (`vitest run`, as `npm test` does) for each mutant instead of the named
 *   test files.
 *
 * Results go to evidence/out/mutants.json; the exit code is 1 when a mutant survives.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa, execaSync } from "execa";
import { writeFileAtomic } from "../../src/common/index.js";

interface Edit {
  find: string;
  replace: string;
}

interface Mutant extends Edit {
  name: string;
  why: string;
  file: string;
  also?: Edit[];
  tests: string[];
}

const ROOT = process.cwd();
const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "mutants",
  GIT_AUTHOR_EMAIL: "mutants@example.invalid",
  GIT_COMMITTER_NAME: "mutants",
  GIT_COMMITTER_EMAIL: "mutants@example.invalid",
};
const full = process.argv.includes("--full");
const { mutants } = JSON.parse(readFileSync(join(ROOT, "gates/mutants/planted.json"), "utf8")) as {
  mutants: Mutant[];
};

function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), "throughput-gate-mutants-"));
  const listed = execaSyncLines("git", ["ls-files", "-co", "--exclude-standard", "-z"]);
  for (const file of listed) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  // Some tests read the repository's history (provenance, baseline worktrees): the copy is a repository of its own.
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
    ["commit", "-qm", "the tree under test"],
  ]) {
    execaSync("git", args, { cwd: copy, env: GIT_IDENTITY });
  }
  return copy;
}

function execaSyncLines(file: string, args: string[]): string[] {
  return String(execaSync(file, args, { cwd: ROOT }).stdout)
    .split("\0")
    .filter(Boolean);
}

/** The source with every edit applied; each `find` must occur exactly once, or the mutant no longer applies. */
function planted(source: string, mutant: Mutant): string {
  return [mutant, ...(mutant.also ?? [])].reduce((text, edit) => {
    const at = text.indexOf(edit.find);
    if (at < 0 || text.indexOf(edit.find, at + 1) >= 0) {
      throw new Error(
        `mutant ${mutant.name} no longer applies: ${JSON.stringify(edit.find)} in ${mutant.file}`,
      );
    }
    return text.slice(0, at) + edit.replace + text.slice(at + edit.find.length);
  }, source);
}

/** Whether the tests pass in the copy, and the end of their output to say why not. */
async function runTests(copy: string, tests: string[]): Promise<{ passed: boolean; tail: string }> {
  // The build first: the CLI tests run the built CLIs, and a planted bug must reach them.
  await execa("npm", ["run", "build", "--silent"], { cwd: copy });
  const r = await execa("npx", ["vitest", "run", ...(full ? [] : tests)], {
    cwd: copy,
    reject: false,
    all: true,
    env: { CI: "true" },
  });
  return { passed: r.exitCode === 0, tail: String(r.all).split("\n").slice(-30).join("\n") };
}

const copy = copyRepository();
const results: { name: string; why: string; caught: boolean; seconds: number }[] = [];
try {
  const allTests = [...new Set(mutants.flatMap((m) => m.tests))];
  const control = await runTests(copy, allTests);
  if (!control.passed) throw new Error(`the control run failed without any mutant planted:\n${control.tail}`);
  for (const mutant of mutants) {
    const started = performance.now();
    const target = join(copy, mutant.file);
    const original = readFileSync(target, "utf8");
    writeFileSync(target, planted(original, mutant));
    try {
      const caught = !(await runTests(copy, mutant.tests)).passed;
      results.push({
        name: mutant.name,
        why: mutant.why,
        caught,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      });
      console.log(`${caught ? "caught  " : "SURVIVED"} ${mutant.name}: ${mutant.why}`);
    } finally {
      writeFileSync(target, original);
    }
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}

const survived = results.filter((r) => !r.caught).length;
writeFileAtomic(
  join(ROOT, "evidence/out/mutants.json"),
  `${JSON.stringify({ suite: full ? "vitest run" : "named tests", results }, null, 2)}\n`,
  { createDirectory: true },
);
console.log(`${results.length - survived} caught, ${survived} survived`);
process.exitCode = survived ? 1 : 0;
