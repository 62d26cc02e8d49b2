import { throwawayInstall } from "../install.js";
import { freePort, runToEnd, startUntil } from "../process.js";
import { requestCount, runTraffic } from "../traffic.js";
import { prismLogViolations, prismViolations } from "../verdict.js";
import type { ConformTool } from "./tool.js";

/**
 * Stoplight Prism as a validation proxy between the traffic and the twin. Prism matches paths without the
 * contract's `servers` prefix (`/api`), so the client calls `http://prism/workflows/…` and the upstream is the
 * twin's URL with `/api`. `--errors` turns every violation into a problem+json answer; the verdict reads those and
 * the `sl-violations` header, and the log's `Violation:` lines are kept alongside.
 *
 * Pinned to 5.14.2: it is the last release whose engines allow Node 20 (5.15.10 and later ask for Node >= 24.14).
 */
const VERSION = "5.14.2";
let binPath = "";

export const prism: ConformTool = {
  name: "prism proxy --errors",
  async prepare(ctx) {
    const installed = await throwawayInstall(ctx.cacheDir, "@stoplight/prism-cli", VERSION, "prism");
    if ("error" in installed) return { runnable: false, version: VERSION, reason: installed.error };
    binPath = installed.binPath;
    const probe = await runToEnd(binPath, ["--version"], { cwd: ctx.repoRoot, timeoutMs: 60_000 });
    if (probe.exitCode !== 0) {
      return { runnable: false, version: VERSION, reason: `prism --version exited ${probe.exitCode}` };
    }
    return { runnable: true, version: probe.output.trim() };
  },
  async run(twin, ctx) {
    const port = await freePort();
    const { process } = await startUntil(
      binPath,
      ["proxy", ctx.contractFile, twin.apiUrl, "--errors", "-h", "127.0.0.1", "-p", String(port)],
      /Prism is listening on/,
      { cwd: ctx.repoRoot, timeoutMs: 60_000 },
    );
    try {
      const exchanges = await runTraffic({
        apiBase: `http://127.0.0.1:${port}`,
        twinApiUrl: twin.apiUrl,
        user: ctx.user,
        password: ctx.password,
      });
      const logViolations = prismLogViolations(process.output());
      return {
        violations: exchanges.flatMap(prismViolations),
        raw: {
          requests: requestCount(),
          answers: exchanges.length,
          statuses: countBy(exchanges.map((e) => e.status)),
          log_violation_lines: logViolations.length,
          log_violations_first: logViolations.slice(0, 5),
        },
      };
    } finally {
      await process.stop();
    }
  },
};

function countBy(values: readonly number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
