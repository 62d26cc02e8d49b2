import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { checkMarkdown, type Finding } from "../../src/docs-check/index.js";
import { builtBin } from "../cli.js";
import { runHostile } from "../hostile-run.js";
import { tempDir } from "../temp-dir.js";

const GATE = builtBin("gate/cli.js");
/** The repository the runbooks sit in, and the working directory of every run: no `.git` above it, so it is the root. */
const repo = tempDir("docs-hostile");
const at = (name: string) => join(repo, name);
const MB = 1024 * 1024;

/** A runbook with one link, on line 3. */
const linking = (href: string) => `# Runbook\n\n[the target](${href})\n`;

beforeAll(async () => {
  mkdirSync(at("folder"));
  mkdirSync(at("folder.md"));
  symlinkSync(at("folder"), at("folder-link"));
  symlinkSync("/dev/zero", at("zero.md"));
  symlinkSync("/etc/hostname", at("escape-link.md"));
  await execa("mkfifo", [at("fifo.md")]);
  // Sparse files: over a limit without writing it.
  for (const [name, size] of [
    ["big.md", 3 * MB],
    ["big.bin", 3 * MB],
    ["huge.json", 16 * MB + 1],
  ] as const) {
    writeFileSync(at(name), "");
    await execa("truncate", ["-s", String(size), at(name)]);
  }
  writeFileSync(at("ok.md"), "# Runbook\n\n## Steps\n\nRead on.\n");
  writeFileSync(at("contract.json"), JSON.stringify({ files: [{ path: "ok.md" }] }));
  const contract = (name: string, body: unknown) => writeFileSync(at(name), JSON.stringify(body));
  contract("lists-folder.json", { files: [{ path: "folder" }] });
  contract("lists-zero.json", { files: [{ path: "/dev/zero" }] });
  contract("lists-big.json", { files: [{ path: "big.md" }] });
  contract("lists-fifo.json", { files: [{ path: "fifo.md" }] });
  contract("catalog-zero.json", { catalog: "/dev/zero", files: [{ path: "ok.md" }] });
  contract("triggers-folder.json", { triggers_file: "folder", files: [{ path: "ok.md" }] });
  contract("unknown-key.json", { files: [{ path: "ok.md" }], extra: true });
  contract("no-files.json", { files: [] });
  writeFileSync(at("not-json.json"), "{ files: ");
  const links: Record<string, string> = {
    "to-folder.md": "folder",
    "to-folder-anchor.md": "folder.md#steps",
    "to-folder-link.md": "folder-link",
    "to-shadow.md": "../../../../etc/shadow",
    "to-parent.md": "..",
    "to-encoded-parent.md": "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "to-absolute.md": "/etc/passwd",
    "to-zero.md": "zero.md",
    "to-fifo.md": "fifo.md#x",
    "to-big.md": "big.md",
    "to-big-binary.md": "big.bin",
    "to-nul.md": "a%00b.md",
    "to-bad-escape.md": "%E0%A4%A.md",
    "to-self-anchor.md": "#runbook",
    "to-escape-link.md": "escape-link.md#x",
  };
  for (const [name, href] of Object.entries(links)) writeFileSync(at(name), linking(href));
  writeFileSync(at("crlf.md"), "# Runbook\r\n\r\n[x](folder)\r\n");
  writeFileSync(
    at("bad-command.md"),
    "# Runbook\n\n```bash\nnemesis-ctl throughput set '$(rm -rf /)' --reason \"`reboot`\"\n```\n",
  );
});

interface CliRow {
  name: string;
  args: string[];
  exit: number;
  /** What stderr (exit 2) or stdout (exit 1) must say; exit 0 prints no finding. */
  says?: RegExp;
}

const docs = (...args: string[]) => ["docs", "--contract", "contract.json", ...args];

/** One row per hostile runbook, contract or link: a documented exit, one line or findings, no trace, ≤ 256 MB. */
const CLI_ROWS: CliRow[] = [
  {
    name: "--contract a folder",
    args: ["docs", "--contract", "folder"],
    exit: 2,
    says: /folder: cannot read the docs contract \(a directory/,
  },
  {
    name: "--contract /dev/zero",
    args: ["docs", "--contract", "/dev/zero"],
    exit: 2,
    says: /cannot read the docs contract \(a character device/,
  },
  {
    name: "--contract a FIFO",
    args: ["docs", "--contract", "fifo.md"],
    exit: 2,
    says: /fifo\.md: cannot read the docs contract \(a FIFO/,
  },
  {
    name: "--contract over 16 MB",
    args: ["docs", "--contract", "huge.json"],
    exit: 2,
    says: /larger than the 16 MB limit/,
  },
  {
    name: "--contract that is not JSON",
    args: ["docs", "--contract", "not-json.json"],
    exit: 2,
    says: /not-json\.json: the docs contract is not valid JSON/,
  },
  {
    name: "a contract with an unknown key",
    args: ["docs", "--contract", "unknown-key.json"],
    exit: 2,
    says: /unknown-key\.json: \/ must NOT have additional properties/,
  },
  {
    name: "a contract with no files",
    args: ["docs", "--contract", "no-files.json"],
    exit: 2,
    says: /no-files\.json: \/files must NOT have fewer than 1 items/,
  },
  {
    name: "a contract listing a folder",
    args: ["docs", "--contract", "lists-folder.json"],
    exit: 2,
    says: /^throughput-gate: folder: cannot read the runbook \(a directory, not a regular file\)$/,
  },
  {
    name: "a contract listing /dev/zero",
    args: ["docs", "--contract", "lists-zero.json"],
    exit: 2,
    says: /dev\/zero: cannot read the runbook \(a character device/,
  },
  {
    name: "a contract listing a FIFO",
    args: ["docs", "--contract", "lists-fifo.json"],
    exit: 2,
    says: /fifo\.md: cannot read the runbook \(a FIFO/,
  },
  {
    name: "a contract listing a 3 MB runbook",
    args: ["docs", "--contract", "lists-big.json"],
    exit: 2,
    says: /big\.md: cannot read the runbook \(larger than the 2 MB limit\)/,
  },
  {
    name: "a contract whose catalog is /dev/zero",
    args: ["docs", "--contract", "catalog-zero.json"],
    exit: 2,
    says: /cannot read the catalog \(a character device/,
  },
  {
    name: "a contract whose triggers file is a folder",
    args: ["docs", "--contract", "triggers-folder.json"],
    exit: 2,
    says: /folder: cannot read the triggers file \(a directory/,
  },
  {
    name: "FILE a 3 MB runbook",
    args: docs("big.md"),
    exit: 2,
    says: /big\.md: cannot read the runbook \(larger than the 2 MB limit\)/,
  },
  { name: "FILE a FIFO", args: docs("fifo.md"), exit: 2, says: /fifo\.md: cannot read the runbook \(a FIFO/ },
  {
    name: "FILE a folder",
    args: docs("folder"),
    exit: 2,
    says: /folder: cannot read the runbook \(a directory/,
  },
  {
    name: "FILE a link to /dev/zero",
    args: docs("zero.md"),
    exit: 2,
    says: /zero\.md: cannot read the runbook \(a character device/,
  },
  {
    name: "a link to a folder",
    args: docs("to-folder.md"),
    exit: 1,
    says: /^to-folder\.md:3:\d+: link-target: link to a directory "folder"$/m,
  },
  {
    name: "a link to a folder, with an anchor",
    args: docs("to-folder-anchor.md"),
    exit: 1,
    says: /to-folder-anchor\.md:3:\d+: link-target: link to a directory "folder\.md#steps"/,
  },
  {
    name: "a link to a link to a folder",
    args: docs("to-folder-link.md"),
    exit: 1,
    says: /to-folder-link\.md:3:\d+: link-target: link to a directory/,
  },
  {
    name: "a link to ../../../../etc/shadow",
    args: docs("to-shadow.md"),
    exit: 1,
    says: /to-shadow\.md:3:\d+: link-target: link to a path outside the repository "\.\.\/\.\.\/\.\.\/\.\.\/etc\/shadow"/,
  },
  {
    name: "a link to ..",
    args: docs("to-parent.md"),
    exit: 1,
    says: /to-parent\.md:3:\d+: link-target: link to a path outside the repository/,
  },
  {
    name: "a percent-encoded climb out",
    args: docs("to-encoded-parent.md"),
    exit: 1,
    says: /to-encoded-parent\.md:3:\d+: link-target: link to a path outside the repository/,
  },
  {
    name: "a root-relative link reads inside the repository",
    args: docs("to-absolute.md"),
    exit: 1,
    says: /to-absolute\.md:3:\d+: link-target: link to missing file "\/etc\/passwd"/,
  },
  {
    name: "a link to a link to /dev/zero",
    args: docs("to-zero.md"),
    exit: 1,
    says: /to-zero\.md:3:\d+: link-target: link to a character device "zero\.md"/,
  },
  {
    name: "a link to a FIFO",
    args: docs("to-fifo.md"),
    exit: 1,
    says: /to-fifo\.md:3:\d+: link-target: link to a FIFO "fifo\.md#x"/,
  },
  {
    name: "a link to a 3 MB markdown file",
    args: docs("to-big.md"),
    exit: 1,
    says: /to-big\.md:3:\d+: link-target: link to a file larger than the 2 MB limit "big\.md"/,
  },
  { name: "a link to a 3 MB file that is not markdown is not read", args: docs("to-big-binary.md"), exit: 0 },
  {
    name: "a link with a NUL byte",
    args: docs("to-nul.md"),
    exit: 1,
    says: /to-nul\.md:3:\d+: link-target: link to missing file "a%00b\.md"/,
  },
  {
    name: "a link with a broken escape",
    args: docs("to-bad-escape.md"),
    exit: 1,
    says: /to-bad-escape\.md:3:\d+: link-target: link to missing file/,
  },
  { name: "a link to its own heading", args: docs("to-self-anchor.md"), exit: 0 },
  {
    name: "a link inside the repository to a file outside it",
    args: docs("to-escape-link.md"),
    exit: 1,
    says: /to-escape-link\.md:3:\d+: link-target: link to missing anchor "#x"/,
  },
  {
    name: "CRLF line endings",
    args: docs("crlf.md"),
    exit: 1,
    says: /crlf\.md:3:\d+: link-target: link to a directory "folder"/,
  },
  {
    name: "command substitution in a documented command is never run",
    args: docs("bad-command.md"),
    exit: 1,
    says: /bad-command\.md:4:1: command-alignment:/,
  },
  {
    name: "--format github escapes a finding",
    args: [...docs("to-shadow.md"), "--format", "github"],
    exit: 1,
    says: /^::error file=to-shadow\.md,line=3,col=\d+,title=link-target::link to a path outside the repository/m,
  },
];

describe("throughput-gate docs against hostile runbooks, contracts and links", () => {
  it.each(CLI_ROWS)("$name", async (row) => {
    const r = await runHostile(GATE, row.args, { cwd: repo });
    expect(r.exitCode).toBe(row.exit);
    if (row.exit === 2) {
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(row.says ?? /./);
    } else if (row.says) expect(r.stdout).toMatch(row.says);
    else expect(r.stdout).toBe("");
  });
});

const kb = (n: number) => n * 1024;

/** Markdown built to be slow or strange, checked in process: each ends within a second with findings that point somewhere. */
const CONTENT_ROWS: [string, string][] = [
  ["100 KB of open brackets", "[".repeat(kb(100))],
  ["100 KB of backticks", "`".repeat(kb(100))],
  ["10000 nested block quotes", `${">".repeat(10_000)} deep`],
  ["10000 nested list items", "- a\n  ".repeat(10_000)],
  ["unclosed emphasis, 30000 times", "*a ".repeat(30_000)],
  ["10000 links to nowhere", "[a](nowhere.md) ".repeat(10_000)],
  ["20000 unfinished link definitions", "[a]: <".repeat(20_000)],
  ["20000 open HTML tags", "<div>".repeat(20_000)],
  ["2000 shell fences of nemesis-ctl calls", "```bash\nnemesis-ctl throughput status\n```\n".repeat(2_000)],
  ["10000 headings of one name", "# h\n".repeat(10_000)],
  ["a table 10000 columns wide", `|${"a|".repeat(10_000)}\n|${"-|".repeat(10_000)}\n`],
  ["a fence that never closes", "```bash\nnemesis-ctl throughput status\n"],
  [
    "a shell line with unbalanced quotes",
    "```bash\nnemesis-ctl throughput set 'balanced --reason \"x\n```\n",
  ],
  ["a continuation that never ends", "```bash\nnemesis-ctl throughput status \\\n".repeat(2_000)],
  ["NUL bytes and a BOM", "\ufeff# Run\u0000book\n\n[x](a\u0000b.md)\n"],
  ["terminal escapes in a link", "# R\n\n[x](\u001b]0;pwned\u0007.md)\n"],
  ["javascript: and data: links are not files", "[a](javascript:alert(1)) [b](data:text/html,x)\n"],
  ["an empty runbook", ""],
  ["only whitespace and newlines", " \n\t\n\r\n".repeat(1_000)],
  ["a 10000-character inline nemesis-ctl call", `\`nemesis-ctl throughput set ${"x".repeat(10_000)}\``],
  ["a link whose anchor is 10000 characters", `[a](#${"a".repeat(10_000)})`],
  [
    "legacy calls with every action flag at once",
    "```\nnemesis-ctl.sh throughput-policy --policy-set a --policy-clear --policy-status\n```\n",
  ],
];

describe("the docs checker on hostile markdown", () => {
  it.each(CONTENT_ROWS)("%s", (_, source) => {
    const started = performance.now();
    const findings: Finding[] = checkMarkdown("hostile.md", source, { path: "hostile.md" });
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const f of findings) {
      expect(f.file).toBe("hostile.md");
      expect(f.line).toBeGreaterThanOrEqual(1);
    }
  });
});
