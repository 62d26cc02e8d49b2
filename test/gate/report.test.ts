import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { gate } from "./helpers.js";

/** Debian's Chromium, started as the machine allows: no sandbox as root, no background network. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/**
 * CI installs Chromium (.ci/run), so there a missing browser is a failure. On a developer's machine without one the
 * test is skipped, and says why.
 */
const hasBrowser = existsSync(LAUNCH.executablePath);
const inCi = process.env.CI === "true";
if (!hasBrowser && !inCi)
  console.warn(`report.html test skipped: no Chromium at ${LAUNCH.executablePath} (set CHROMIUM_PATH)`);

describe.skipIf(!hasBrowser && !inCi)("report.html in headless Chromium", () => {
  it("renders every table and chart with real rows and marks, legends clear of the lines; a screenshot is saved", async () => {
    const run = await gate(["--quick", "--config", "fixtures/gate/replay.json"]);
    expect(run.exitCode).toBe(0);
    const browser = await chromium.launch(LAUNCH);
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const failed: string[] = [];
      page.on("requestfailed", (r) => failed.push(r.url()));
      await page.goto(pathToFileURL(join(run.out, "report.html")).href);
      expect(await page.textContent("#verdict")).toBe("PASS");
      const charts = await page.$$eval("svg.chart", (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            name: svg.getAttribute("data-chart"),
            width: box.width,
            height: box.height,
            series: svg.querySelectorAll("path.series").length,
            pathLength: [...svg.querySelectorAll("path.series")].reduce(
              (n, p) => n + (p as unknown as { getTotalLength(): number }).getTotalLength(),
              0,
            ),
            bars: [...svg.querySelectorAll("rect.bar")].filter((r) => r.getBoundingClientRect().height > 0)
              .length,
            intervals: svg.querySelectorAll("g.interval").length,
          };
        }),
      );
      const byName = Object.fromEntries(charts.map((c) => [c.name, c]));
      expect(byName["queue-depth-bulk-upload-burst"]?.series).toBeGreaterThanOrEqual(2);
      expect(byName["queue-depth-bulk-upload-burst"]?.pathLength).toBeGreaterThan(100);
      expect(byName["wait-percentiles-bulk-upload-burst"]?.bars).toBeGreaterThan(0);
      // The replayed pytest-benchmark runs hold three benchmarks.
      expect(byName["benchmark-ratios"]?.intervals).toBe(3);
      expect(byName["queue-depth-difference-bulk-upload-burst"]?.series).toBeGreaterThanOrEqual(1);
      for (const c of charts) expect(c.width * c.height).toBeGreaterThan(10_000);

      const rowsByTable = await page.$$eval("table[data-table]", (tables) =>
        Object.fromEntries(
          tables.map((t) => [
            t.getAttribute("data-table"),
            [...t.querySelectorAll("tbody tr")].filter((r) => !r.classList.contains("empty")).length,
          ]),
        ),
      );
      expect(rowsByTable).toMatchObject({
        kpis: 3,
        triggers: 6,
        "revert-path": 2,
        benchmarks: 3,
        "snapshot-changes": 3,
      });
      expect(rowsByTable.snapshots).toBeGreaterThan(3);

      // A legend overlaps a line when their boxes intersect; a zero-area box (a flat line) still counts.
      const overlaps = await page.$$eval("svg.chart", (svgs) =>
        svgs.flatMap((svg) => {
          const boxes = (selector: string) =>
            [...svg.querySelectorAll(selector)].map((el) => el.getBoundingClientRect());
          const legends = boxes("g.legend");
          return boxes("path.series").flatMap((line) =>
            legends
              .filter(
                (key) =>
                  key.left <= line.right &&
                  line.left <= key.right &&
                  key.top <= line.bottom &&
                  line.top <= key.bottom,
              )
              .map(() => svg.getAttribute("data-chart")),
          );
        }),
      );
      // --quick drains one profile: its depth chart, its difference panel and its wait bars each have a legend.
      const legends = await page.$$eval("svg.chart g.legend", (gs) => gs.length);
      expect(legends).toBe(3);
      expect(overlaps).toEqual([]);
      expect(failed).toEqual([]);
      mkdirSync("evidence/out", { recursive: true });
      await page.screenshot({ path: "evidence/out/report.png", fullPage: true });
    } finally {
      await browser.close();
    }
  }, 300_000);
});
