import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliSpec } from "../../src/cli/index.js";
import { nemesisCtl } from "../../src/ctl/index.js";
import { GATE_CLI } from "../../src/gate/cli-spec.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("completion-test");
const BINS = { "nemesis-ctl": builtBin("ctl/main.cjs"), "throughput-gate": builtBin("gate/cli.js") } as const;
type Program = keyof typeof BINS;
const SPECS: Record<Program, CliSpec<string, never>> = {
  "nemesis-ctl": nemesisCtl(),
  "throughput-gate": GATE_CLI,
};
const scripts = new Map<string, string>();

/** The script as a user gets it: printed by the CLI's own `completion SHELL`, saved to a file. */
async function script(program: Program, shell: "bash" | "zsh" | "fish"): Promise<string> {
  const key = `${program}.${shell}`;
  const saved = scripts.get(key);
  if (saved) return saved;
  const printed = await execa("node", [BINS[program], "completion", shell]);
  const file = join(mkdtempSync(join(scratch, "script-")), key);
  writeFileSync(file, printed.stdout);
  scripts.set(key, file);
  return file;
}

/** What bash offers for the words typed so far, the last one being completed. */
async function bash(program: Program, ...words: string[]): Promise<string[]> {
  const fn = `_${program.replace(/-/g, "_")}`;
  const line = [program, ...words].map((w) => `'${w}'`).join(" ");
  const code = `source '${await script(program, "bash")}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; ${fn}; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await execa("bash", ["--norc", "-c", code]);
  return stdout.split("\n").filter(Boolean);
}

/** What fish offers, asked as fish's own `complete -C` asks. */
async function fish(program: Program, typed: string): Promise<string[]> {
  const { stdout } = await execa("fish", [
    "--no-config",
    "-c",
    `source '${await script(program, "fish")}'; complete -C '${program} ${typed}'`,
  ]);
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t")[0] ?? "");
}

/**
 * What zsh's completion function hands to zsh's completion system, with that system's functions stood in for by
 * ones that print what they are given: the words zsh would list.
 */
async function zsh(program: Program, ...words: string[]): Promise<string[]> {
  const fn = `_${program.replace(/-/g, "_")}`;
  const stubs = [
    "compdef() { :; }",
    '_describe() { local -a list; list=("${(@P)2}"); for e in "${list[@]}"; do print -r -- "${e%%:*}"; done; }',
    'compadd() { shift; for w in "$@"; do print -r -- "$w"; done; }',
    "_files() { print -r -- '<files>'; }",
    "_message() { print -r -- '<value>'; }",
  ].join("\n");
  const line = [program, ...words].map((w) => `'${w}'`).join(" ");
  const code = `${stubs}\nsource '${await script(program, "zsh")}'\nwords=(${line}); CURRENT=${words.length + 1}; ${fn}`;
  const { stdout } = await execa("zsh", ["-f", "-c", code]);
  return stdout.split("\n").filter(Boolean);
}

beforeAll(async () => {
  for (const program of Object.keys(BINS) as Program[])
    for (const shell of ["bash", "zsh", "fish"] as const) await script(program, shell);
});

describe("completion scripts, generated from the declarations and loaded into each shell", () => {
  it.each(["bash", "zsh", "fish"] as const)("%s: both scripts are valid for the shell", async (shell) => {
    for (const program of Object.keys(BINS) as Program[]) {
      const file = await script(program, shell);
      const check =
        shell === "bash"
          ? ["bash", ["-n", file]]
          : shell === "zsh"
            ? ["zsh", ["-n", file]]
            : ["fish", ["-n", file]];
      await expect(execa(check[0] as string, check[1] as string[])).resolves.toMatchObject({ exitCode: 0 });
    }
  });

  it("bash: every command's words and every option it declares are offered, for both CLIs", async () => {
    for (const program of Object.keys(BINS) as Program[]) {
      const spec = SPECS[program];
      for (const command of spec.commands) {
        const words = command.name.split(" ");
        for (const [i, word] of words.entries())
          expect(await bash(program, ...words.slice(0, i), "")).toContain(word);
        const flags = await bash(program, ...words, "--");
        for (const o of [...command.options, ...spec.globals])
          expect(flags, `${command.name} --${o.name}`).toContain(`--${o.name}`);
      }
    }
  });

  it("bash: an option's choices, an argument's choices, and words after global options", async () => {
    expect(await bash("throughput-gate", "bench", "compare", "--location", "")).toEqual([
      "min",
      "q1",
      "median",
    ]);
    expect(await bash("throughput-gate", "completion", "")).toEqual(["bash", "zsh", "fish"]);
    expect(await bash("throughput-gate", "twin", "fault", "")).toEqual(["list", "clear"]);
    expect(await bash("nemesis-ctl", "--api-url", "http://x/api", "throughput", "st")).toEqual(["status"]);
    expect(await bash("nemesis-ctl", "--json", "thr")).toEqual(["throughput"]);
  });

  it("zsh: the same words, with descriptions handed to zsh", async () => {
    expect(await zsh("nemesis-ctl", "")).toEqual(["throughput", "config", "completion"]);
    expect(await zsh("nemesis-ctl", "throughput", "s")).toEqual(
      expect.arrayContaining(["status", "set", "snapshot"]),
    );
    expect(await zsh("throughput-gate", "bench", "compare", "--format", "")).toEqual([
      "text",
      "json",
      "github-action-benchmark",
      "bencher",
    ]);
    expect(await zsh("throughput-gate", "docs", "--contract", "")).toEqual(["<files>"]);
    expect(await zsh("throughput-gate", "twin", "serve", "--")).toContain("--defect");
  });

  it("fish: fish's own completion finds the words, options and choices", async () => {
    expect(await fish("throughput-gate", "tw")).toEqual(["twin"]);
    expect(await fish("throughput-gate", "twin fault ")).toEqual(expect.arrayContaining(["list", "clear"]));
    expect(await fish("throughput-gate", "run --only q")).toEqual(["queue-drain"]);
    expect(await fish("nemesis-ctl", "throughput status --wa")).toEqual(["--watch"]);
    expect(await fish("nemesis-ctl", "completion ")).toEqual(["bash", "fish", "zsh"]);
  });

  it("an unknown shell is one line naming the choices, exit 2", async () => {
    const r = await execa("node", [BINS["nemesis-ctl"], "completion", "tcsh"], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'nemesis-ctl: SHELL must be one of bash, zsh, fish, got "tcsh"; see nemesis-ctl completion --help',
    );
  });
});
