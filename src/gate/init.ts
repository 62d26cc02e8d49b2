import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, posix, relative } from "node:path";
import { globSync } from "tinyglobby";
import { UserError } from "../cli/index.js";
import { packagePath, writeFileAtomic } from "../common/index.js";

/**
 * `throughput-gate init`: what a consuming repository needs to run the gate in its own CI, written from the
 * templates in gates/init/ (data, not code) and what the repository holds: its pytest-benchmark files.
 */
export interface InitOptions {
  /** Where the command runs; the repository is the git checkout around it. */
  cwd: string;
  config: string;
  force: boolean;
  /** The Action the workflow uses, e.g. "throughput-gate/throughput-gate@v0". */
  action: string;
}

export interface InitPlan {
  root: string;
  /** Each file to write (relative to the repository) with its text, in the order they are written. */
  files: { path: string; text: string; append?: boolean }[];
  suites: string[];
}

/** Where init looks for pytest-benchmark files, as Nemesis lays them out and as pytest names them. */
const BENCH_GLOBS = ["**/tests/benchmarks/*.py", "**/bench_*.py", "**/test_*bench*.py"];
const NEVER = ["**/node_modules/**", "**/.venv/**", "**/venv/**", "**/.git/**", "**/site-packages/**"];
const USES_BENCHMARK = /def\s+test_\w*\s*\([^)]*\bbenchmark\b/;
const IGNORE_LINE = "evidence/";

function repositoryRoot(cwd: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    throw new UserError(
      `${cwd} is not inside a git repository: run throughput-gate init in the checkout of the repository the gate guards`,
    );
  }
}

/** The repository's pytest-benchmark files: Python files whose tests take the `benchmark` fixture. */
export function findBenchmarkFiles(root: string): string[] {
  const found = globSync(BENCH_GLOBS, { cwd: root, ignore: NEVER, onlyFiles: true });
  return [...new Set(found)]
    .filter((file) => USES_BENCHMARK.test(readFileSync(join(root, file), "utf8")))
    .sort();
}

const template = (name: string) => readFileSync(packagePath("gates", "init", name), "utf8");

/** One suite per file, counted in instructions, named after the file (and its project, when it is in one). */
function suiteFor(file: string, taken: Set<string>) {
  const parts = file.split("/");
  const project = parts.length > 2 && parts[0] === "projects" ? `${parts[1]}-` : "";
  const stem = basename(file, ".py").replace(/^bench_|^test_/, "");
  let id = `${project}${stem}`.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
  for (let n = 2; taken.has(id); n++) id = `${project}${stem}-${n}`.toLowerCase();
  taken.add(id);
  return {
    id,
    command: [
      "python3",
      "-m",
      "pytest",
      file,
      "-q",
      "-p",
      "no:cacheprovider",
      "--benchmark-only",
      "--benchmark-json={out}",
    ],
    format: "pytest-benchmark",
    metric: "instructions",
    processes: 5,
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What init would write: the gate config, its docs contract, the workflow and the ignore line. */
export function planInit(options: InitOptions): InitPlan {
  const root = repositoryRoot(options.cwd);
  const configPath = posix.normalize(options.config);
  if (configPath.startsWith("../") || configPath.startsWith("/"))
    throw new UserError(`--config ${options.config} is outside the repository: give a path inside ${root}`);
  const benchFiles = findBenchmarkFiles(root);
  if (benchFiles.length === 0)
    throw new UserError(
      `no pytest-benchmark file in ${root} (looked for ${BENCH_GLOBS.join(", ")} whose tests take the benchmark fixture): add one, or write the config's benchmark.suites by hand`,
    );
  const contractPath = posix.join(posix.dirname(configPath), "throughput-gate.docs.json");
  const taken = new Set<string>();
  const config = JSON.parse(template("config.template.json"));
  config.name = basename(root);
  config.benchmark.suites = benchFiles.map((f) => suiteFor(f, taken));
  config.docs_contract = contractPath;
  // The contract's paths are relative to the contract file itself.
  const contract = JSON.parse(template("docs-contract.template.json"));
  const fromContract = (path: string) => posix.relative(posix.dirname(contractPath), path);
  for (const entry of contract.files) entry.path = fromContract(entry.path);
  const workflow = template("workflow.template.yml")
    .replace("ACTION_REF", options.action)
    .replace("CONFIG_PATH", configPath);
  const files: InitPlan["files"] = [
    { path: configPath, text: json(config) },
    { path: contractPath, text: json(contract) },
    { path: ".github/workflows/throughput-gate.yml", text: workflow },
  ];
  const ignore = join(root, ".gitignore");
  const ignored =
    existsSync(ignore) &&
    readFileSync(ignore, "utf8")
      .split("\n")
      .some((l) => l.trim() === IGNORE_LINE);
  if (!ignored) {
    const before = existsSync(ignore) ? readFileSync(ignore, "utf8") : "";
    const gap = before === "" || before.endsWith("\n") ? "" : "\n";
    files.push({
      path: ".gitignore",
      text: `${before}${gap}# throughput-gate's evidence of each run\n${IGNORE_LINE}\n`,
      append: true,
    });
  }
  return { root, files, suites: config.benchmark.suites.map((s: { id: string }) => s.id) };
}

/** Writes the plan; a file that exists is refused, naming it, unless `force` (the ignore line only appends). */
export function writeInit(plan: InitPlan, force: boolean): string[] {
  const clashes = plan.files.filter((f) => !f.append && existsSync(join(plan.root, f.path)));
  if (clashes.length && !force)
    throw new UserError(
      `${clashes.map((f) => f.path).join(", ")} already exist${clashes.length === 1 ? "s" : ""}: init never overwrites a file; pass --force to replace ${clashes.length === 1 ? "it" : "them"}`,
    );
  return plan.files.map((f) => {
    const target = join(plan.root, f.path);
    writeFileAtomic(target, f.text, { createDirectory: true });
    return relative(plan.root, target) || dirname(target);
  });
}
