import { describe, expect, it } from "vitest";
import { reportHtml } from "../../src/evidence/index.js";
import { fitLabel, intervalChart } from "../../src/evidence/reports/html/charts.js";
import { depthAt, depthDifference } from "../../src/evidence/reports/html/queue-depth.js";
import { changedFields, snapshotFields } from "../../src/evidence/reports/snapshot-diff.js";
import { reportedBundle } from "./reported-bundle.js";

/** The body rows of the table named `name`, each as its cells' text (tags stripped, entities left as written). */
function tableRows(html: string, name: string): string[][] {
  const table = html.match(new RegExp(`<table data-table="${name}">.*?</table>`, "s"))?.[0];
  if (!table) throw new Error(`no table ${name}`);
  const body = table.slice(table.indexOf("<tbody>"));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => cell[1] ?? ""),
  );
}

describe("report.html of a complete run", () => {
  const html = reportHtml(reportedBundle());

  it("has the KPI table, each value with its unit and each change in words", () => {
    expect(tableRows(html, "kpis")).toEqual([
      [
        "burst.starvation",
        "burst",
        "max_starvation_seconds.expensive",
        "40 s",
        "35.16 s",
        "12.1% better",
        "improved",
      ],
      [
        "burst.p95",
        "burst",
        "wait_seconds.baseline.p95",
        "10 s",
        "10.87 s",
        "8.7% worse",
        "no material change",
      ],
      ["burst.drain", "burst", "drain_seconds", "2521 s", "2521 s", "no change", "no material change"],
    ]);
  });

  it("has the rollback triggers, an unobserved one marked, every string escaped", () => {
    const rows = tableRows(html, "triggers");
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ["RT-DRAIN-REGRESSION", "drain_seconds, candidate / base", "1", "1.15", "no"],
      ["RT-BENCH-REGRESSION", "benchmarks with verdict regressed", "not observed", "0", "no"],
    ]);
    expect(rows[1]?.[5]).toBe("no benchmark &lt;report&gt;");
    expect(html).not.toContain("<report>");
  });

  it("has the revert path that ran: the controls step's revert and the rollback step's, verified", () => {
    expect(tableRows(html, "revert-path")).toEqual([
      [
        "controls",
        "nemesis-ctl throughput revert --to balanced --reason &quot;gate: revert path&quot;",
        "0",
        "-",
      ],
      [
        "rollback",
        "nemesis-ctl throughput revert --to balanced --reason &quot;gate: revert path check&quot;",
        "0",
        "yes",
      ],
    ]);
  });

  it("has the snapshots side by side, each changed value marked, and what changed at each step", () => {
    const rows = tableRows(html, "snapshots");
    expect(rows.find((r) => r[0] === "status.requested_preset")).toEqual([
      "status.requested_preset",
      "balanced",
      "aggressive",
      "balanced",
      "balanced",
    ]);
    expect(html).toContain('<td class="changed">aggressive</td>');
    expect(tableRows(html, "snapshot-changes")).toEqual([
      [
        "before",
        "during",
        "status.class_states[expensive].active_parallelism, status.override, status.override.expires_at, " +
          "status.override.preset, status.requested_preset, status.version",
      ],
      [
        "during",
        "after expiry",
        "status.class_states[expensive].active_parallelism, status.override, status.override.expires_at, " +
          "status.override.preset, status.requested_preset",
      ],
      ["after expiry", "after revert", "status.version"],
    ]);
  });

  it("has the benchmarks with their verdicts", () => {
    expect(tableRows(html, "benchmarks")).toEqual([
      ["hash &lt;64k&gt;", "1.012", "[0.980, 1.040]", "unchanged"],
      ["sniff &amp; parse", "0.900", "[0.850, 0.940]", "improved"],
    ]);
  });

  it("draws the depth chart and under it the difference panel", () => {
    expect(html).toContain('data-chart="queue-depth-burst"');
    expect(html).toContain('data-chart="queue-depth-difference-burst"');
    expect(html).toContain('data-series="new_file: candidate − base"');
  });

  it("keeps every legend under its plot, clear of the lines", () => {
    const svgs = [...html.matchAll(/<svg class="chart".*?<\/svg>/gs)].map((m) => m[0]);
    const withLegends = svgs.filter((svg) => svg.includes('class="legend"'));
    expect(withLegends.length).toBeGreaterThanOrEqual(3);
    for (const svg of withLegends) {
      const legendTop = Number(svg.match(/<g class="legend" transform="translate\([\d.]+,([\d.]+)\)"/)?.[1]);
      const lowestMark = Math.max(
        ...[...svg.matchAll(/ d="([^"]+)"/g)].flatMap((d) =>
          [...(d[1] ?? "").matchAll(/,([\d.]+)/g)].map((y) => Number(y[1])),
        ),
        ...[...svg.matchAll(/<rect class="bar"[^>]* y="([\d.]+)"[^>]* height="([\d.]+)"/g)].map(
          (r) => Number(r[1]) + Number(r[2]),
        ),
      );
      expect(legendTop).toBeGreaterThan(lowestMark);
    }
  });

  it("opens with the sign-off header under the verdict", () => {
    const header =
      /<h1>throughput-gate: <span class="pass" id="verdict">PASS<\/span><\/h1>\n<dl id="sign-off">(.*)<\/dl>/.exec(
        html,
      );
    expect(header?.[1]).toBe(
      [
        ["Candidate", "candidate", "0123456789ab with uncommitted changes"],
        ["Change under test", "change", "aggressive override for 20 m over balanced"],
        ["Baseline", "baseline", "origin/main at 89abcdef0123"],
        [
          "Ran",
          "ran",
          "2026-01-01T00:00:00Z on ci-runner-7 (linux 6.1, Example CPU, 2 cores, Node v20.20.2), https://github.com/example/nemesis/actions/runs/42",
        ],
      ]
        .map(([label, id, text]) => `<dt>${label}</dt><dd data-sign-off="${id}">${text}</dd>`)
        .join(""),
    );
  });

  it("is self-contained and the same bytes every time", () => {
    // Nothing loads from the network: no script, stylesheet, image or URL in an attribute. A URL may be text (the
    // CI run it came from), which a browser never fetches.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|(?:src|href|url\()\s*=?\s*["']?https?:\/\//);
    expect(reportHtml(reportedBundle())).toBe(html);
  });
});

describe("queue depth differences", () => {
  const base = [
    { t: 0, depths: { q: 0 } },
    { t: 10, depths: { q: 100 } },
  ];
  const candidate = [
    { t: 0, depths: { q: 0 } },
    { t: 5, depths: { q: 80 } },
    { t: 10, depths: { q: 60 } },
    { t: 20, depths: { q: 10 } },
  ];

  it.each([
    [0, 0],
    [5, 50],
    [10, 100],
    [25, 100],
  ])("the base at %s s is %s, between samples and after its last", (t, depth) => {
    expect(depthAt(base, "q", t)).toBe(depth);
  });

  it("is candidate minus base at every time either side sampled", () => {
    expect(depthDifference(base, candidate, "q")).toEqual([
      [0, 0],
      [5, 30],
      [10, -40],
      [20, -90],
    ]);
  });
});

describe("snapshot fields", () => {
  it("names list items by their class or queue, and finds the fields that changed", () => {
    const before = snapshotFields({
      status: { override: null, classes: [{ class_name: "bulk", limit: 2 }] },
    });
    const after = snapshotFields({
      status: { override: { preset: "aggressive" }, classes: [{ class_name: "bulk", limit: 1 }] },
    });
    expect([...before.entries()]).toEqual([
      ["status.override", "null"],
      ["status.classes[bulk].class_name", "bulk"],
      ["status.classes[bulk].limit", "2"],
    ]);
    expect(changedFields(before, after)).toEqual([
      "status.classes[bulk].limit",
      "status.override",
      "status.override.preset",
    ]);
    expect(snapshotFields(null).size).toBe(0);
  });
});

describe("the benchmark interval chart", () => {
  // Right-aligned before a fixed margin, this one lost its start ("ut-gate: …").
  const long = "throughput-gate: simulation: simulate 300 files to drained";
  const svg = intervalChart(
    "benchmark-ratios",
    "ratios",
    [{ label: long, ratio: 1.2, lo: 1.2, hi: 1.2, verdict: "regressed" }],
    0.01,
  );
  const label =
    /<text class="label" x="(\d+)" y="\d+" font-size="10" text-anchor="start">([^<]*)<title>([^<]*)<\/title><\/text>/.exec(
      svg,
    );

  it("sets each name on its own line from the left edge, so a long one is never cut off", () => {
    expect(Number(label?.[1])).toBeGreaterThanOrEqual(0);
    expect(label?.[2]).toBe(long);
    expect(label?.[3]).toBe(long);
  });

  it("keeps the suite and the benchmark's own name of a name too long for the width, and the whole name in its tooltip", () => {
    const longer = `basic-analysis: ${"very/deep/".repeat(12)}bench_basic_analysis.py::test_analysis_by_file_size[65536]`;
    expect(fitLabel(longer)).toMatch(
      /^basic-analysis: .*….*bench_basic_analysis\.py::test_analysis_by_file_size\[65536\]$/,
    );
    expect(fitLabel(longer)).toHaveLength(104);
    expect(fitLabel("short")).toBe("short");
  });
});
