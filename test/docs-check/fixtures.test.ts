import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkDocs,
  checkMarkdown,
  type DocsContract,
  formatFindings,
  invocations,
  loadDocsContract,
  parseMarkdown,
} from "../../src/docs-check/index.js";

const template = loadDocsContract("fixtures/docs/contract.json");

function check(fixture: string) {
  const [spec] = template.files;
  const contract: DocsContract = { ...template, files: [{ ...spec, path: `fixtures/docs/${fixture}` }] };
  return checkDocs(contract);
}

describe("docs checker on broken runbooks: each fails exactly the rule it targets, at the right line", () => {
  it.each([
    ["broken-term-in-code-block.md", "section-terms", 12],
    ["broken-term-under-wrong-heading.md", "section-terms", 12],
    ["broken-hash-comment-in-fence.md", "required-heading", 22],
    ["broken-dead-anchor.md", "link-target", 35],
    ["broken-missing-file-link.md", "link-target", 35],
    ["broken-unknown-flag.md", "command-alignment", 8],
    ["broken-wrong-preset.md", "command-alignment", 9],
    ["broken-malformed-ttl.md", "command-alignment", 9],
    ["broken-missing-trigger-id.md", "trigger-ids", 17],
    ["broken-below-min-lines.md", "min-lines", 1],
    ["broken-term-in-html-comment.md", "section-terms", 12],
    ["broken-front-matter.md", "trigger-ids", 21],
    ["broken-wrong-revert-command.md", "section-command", 22],
    ["broken-missing-required-link.md", "required-link", 32],
    ["broken-inline-unknown-subcommand.md", "command-alignment", 30],
  ])("%s → %s at line %i", (fixture, rule, line) => {
    const findings = check(fixture);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([[rule, line]]);
    expect(findings[0]?.file).toBe(`fixtures/docs/${fixture}`);
  });

  it("names the problem in each message", () => {
    expect(check("broken-unknown-flag.md")[0]).toMatchObject({
      column: 1,
      message: expect.stringContaining("unknown option --verbose"),
    });
    expect(check("broken-wrong-preset.md")[0]?.message).toContain('unknown preset "turbo"');
    expect(check("broken-malformed-ttl.md")[0]?.message).toContain('"20x" is not a duration');
    expect(check("broken-dead-anchor.md")[0]).toMatchObject({
      column: 14,
      message: expect.stringContaining('"#command"'),
    });
    expect(check("broken-missing-trigger-id.md")[0]?.message).toContain("RT-STATE-DRIFT");
  });
});

describe("docs checker on correct runbooks", () => {
  it("passes the base runbook clean", () => expect(check("base-runbook.md")).toEqual([]));

  it("passes tricky but correct content clean: continuations, prompts, punctuation anchors, encoded anchors", () => {
    expect(check("valid-tricky.md")).toEqual([]);
  });

  it("reads the tricky commands the way a shell would", () => {
    const doc = parseMarkdown("t.md", readFileSync("fixtures/docs/valid-tricky.md", "utf8"));
    expect(invocations(doc).map((i) => [i.line, i.argv.join(" ")])).toEqual([
      [13, "throughput override aggressive --ttl 1h30m --reason nightly import"],
      [17, "throughput status --json"],
      [23, "throughput status"],
      [24, "throughput history --since=2h"],
      [29, "throughput override conservative --ttl 45 --reason INC-1"],
      [44, "throughput revert --to balanced --reason rollback: RT-STATE-DRIFT"],
    ]);
    expect(doc.headings.map((h) => h.slug)).toContain("the---ttl-flag-explained");
  });

  it("does not read front matter as a heading or as prose, and keeps line numbers true", () => {
    const doc = parseMarkdown("t.md", readFileSync("fixtures/docs/valid-tricky.md", "utf8"));
    expect(doc.headings[0]).toMatchObject({ text: "Tricky runbook", line: 6 });
  });
});

describe("docs checker on a legacy runbook: one finding per missing thing, at the line to look at", () => {
  it("reports each missing section once, each old Bash call with what replaces it", () => {
    expect(formatFindings(check("legacy-runbook.md"), "text").trimEnd().split("\n")).toEqual([
      "fixtures/docs/legacy-runbook.md:1: min-lines: 33 lines; the contract asks for at least 40",
      'fixtures/docs/legacy-runbook.md:1: required-heading: missing heading "Commands"',
      'fixtures/docs/legacy-runbook.md:1: required-heading: missing heading "Rollback triggers"; the contract looks there for every rollback trigger id',
      'fixtures/docs/legacy-runbook.md:1: required-heading: missing heading "Status snapshot"; the contract looks there for the terms "status snapshot", "queue-drain"',
      'fixtures/docs/legacy-runbook.md:1: required-heading: missing heading "See also"; the contract looks there for a link to other.md#triage',
      'fixtures/docs/legacy-runbook.md:11:5: legacy-command: legacy command "./nemesis-ctl.sh throughput-policy --policy-status": use "nemesis-ctl throughput status"',
      'fixtures/docs/legacy-runbook.md:18:1: legacy-command: legacy command "nemesis-ctl.sh throughput-policy --policy-set aggressive --verbose": use "nemesis-ctl throughput set aggressive --reason TEXT"; --verbose has no equivalent',
      'fixtures/docs/legacy-runbook.md:24:1: legacy-command: legacy command "nemesis-ctl.sh throughput-policy --policy-override aggressive --ttl 2h --reason "bulk import"": use "nemesis-ctl throughput override aggressive --ttl 2h --reason "bulk import""',
      'fixtures/docs/legacy-runbook.md:27:31: legacy-command: legacy command "nemesis-ctl.sh throughput-policy --policy-clear": use "nemesis-ctl throughput clear --reason TEXT"',
      'fixtures/docs/legacy-runbook.md:29: required-heading: missing heading "Verify"',
      'fixtures/docs/legacy-runbook.md:29: section-command: section "Revert" has no fenced "nemesis-ctl throughput revert --to balanced"',
      'fixtures/docs/legacy-runbook.md:32:1: legacy-command: legacy command "nemesis-ctl.sh throughput-policy --policy-set balanced": use "nemesis-ctl throughput set balanced --reason TEXT"',
    ]);
  });

  it("reports a section that four rules need once, at the heading it should follow", () => {
    const source = "# Runbook\n\n## Commands\n\nText.\n\n## Verify\n\nText.\n";
    const spec = {
      path: "r.md",
      headings: ["Commands", "Rollback triggers", "Verify"],
      terms: [{ section: "Rollback triggers", terms: ["metric"] }],
      commands: [{ section: "Rollback triggers", commands: ["nemesis-ctl throughput status"] }],
      links: [{ section: "Rollback triggers", to: "other.md" }],
      trigger_ids_in: "Rollback triggers",
    };
    expect(checkMarkdown("r.md", source, spec, { triggerIds: ["RT-STATE-DRIFT"] })).toEqual([
      {
        file: "r.md",
        line: 3,
        rule: "required-heading",
        message:
          'missing heading "Rollback triggers"; the contract looks there for the terms "metric"; the commands "nemesis-ctl throughput status"; a link to other.md; every rollback trigger id',
      },
    ]);
  });

  it("reports a missing trigger id once, in the section that should name it", () => {
    const source = "# Runbook\n\n## Rollback triggers\n\n- RT-DRAIN-REGRESSION: slower drain.\n";
    const spec = { path: "r.md", trigger_ids_in: "Rollback triggers" };
    const ids = ["RT-DRAIN-REGRESSION", "RT-STATE-DRIFT"];
    expect(checkMarkdown("r.md", source, spec, { triggerIds: ids }).map((f) => [f.line, f.message])).toEqual([
      [3, 'section "Rollback triggers" does not name rollback trigger RT-STATE-DRIFT'],
    ]);
  });
});
