import {
  bundleSteps,
  type ReportedBundle,
  type ReportedSteps,
  sealBundle,
} from "../../src/evidence/index.js";

/** A status snapshot as nemesis-ctl writes it, cut down to the fields the reports compare. */
function snapshot(
  requested: string,
  override: { preset: string; expires_at: string } | null,
  version: number,
) {
  return {
    kind: "nemesis-ctl/status-snapshot@1",
    status: {
      base_preset: "balanced",
      requested_preset: requested,
      override,
      class_states: [
        { class_name: "baseline", active_parallelism: 3 },
        { class_name: "expensive", active_parallelism: requested === "aggressive" ? 1 : 2 },
      ],
      version,
    },
  };
}

const OVERRIDE = { preset: "aggressive", expires_at: "2026-01-01T00:20:00Z" };
const REVERT = 'nemesis-ctl throughput revert --to balanced --reason "gate: revert path"';

const depths = (t: number, newFile: number, titus: number) => ({
  t,
  depths: { new_file: newFile, titus_input: titus },
});

const steps: { [Id in keyof ReportedSteps]: ReportedSteps[Id] } = {
  controls: {
    status: "pass",
    summary: "2/2 control checks passed",
    checks: [{ name: "the revert path runs", pass: true, message: `${REVERT} → exit 0` }],
    deterministic: {
      snapshots: {
        before: snapshot("balanced", null, 1),
        during: snapshot("aggressive", OVERRIDE, 2),
        after_expiry: snapshot("balanced", null, 2),
        after_revert: snapshot("balanced", null, 3),
      },
      commands: [
        {
          command: 'nemesis-ctl throughput override aggressive --ttl 1200s --reason "bulk import"',
          exit_code: 0,
        },
        { command: REVERT, exit_code: 0 },
        { command: "nemesis-ctl throughput status --json", exit_code: 0 },
      ],
    },
    measured: {},
  },
  "queue-drain": {
    status: "pass",
    summary: "1 profile(s); 1 KPI(s) improved, 0 critical regression(s)",
    checks: [{ name: "KPI burst.drain", pass: true, message: "drain_seconds on burst" }],
    deterministic: {
      runs: [
        {
          profile: "burst",
          base: { policy: "balanced", kpis: { wait_seconds: { baseline: { p50: 1, p95: 10, p99: 20 } } } },
          candidate: {
            policy: "aggressive",
            kpis: { wait_seconds: { baseline: { p50: 1, p95: 11, p99: 19 } } },
          },
        },
      ],
      kpis: [
        {
          id: "burst.starvation",
          metric: "max_starvation_seconds.expensive",
          profile: "burst",
          base: 40,
          candidate: 35.16,
          improvement: 0.121,
          improved: true,
          critical: false,
        },
        {
          id: "burst.p95",
          metric: "wait_seconds.baseline.p95",
          profile: "burst",
          base: 10,
          candidate: 10.87,
          improvement: -0.087,
          improved: false,
          critical: false,
        },
        {
          id: "burst.drain",
          metric: "drain_seconds",
          profile: "burst",
          base: 2521,
          candidate: 2521,
          improvement: 0,
          improved: false,
          critical: false,
        },
      ],
    },
    measured: {
      timelines: [
        {
          profile: "burst",
          base: [depths(0, 0, 0), depths(10, 300, 5), depths(20, 200, 5), depths(30, 0, 0)],
          candidate: [depths(0, 0, 0), depths(10, 320, 2), depths(20, 150, 1), depths(30, 0, 0)],
        },
      ],
    },
  },
  benchmark: {
    status: "pass",
    summary: "2 benchmarks in 1 suite(s): none regressed",
    checks: [],
    deterministic: {},
    measured: {
      report: {
        min_effect: 0.05,
        benchmarks: [
          { name: "hash <64k>", ratio: 1.012, interval: [0.98, 1.04], verdict: "unchanged" },
          { name: "sniff & parse", ratio: 0.9, interval: [0.85, 0.94], verdict: "improved" },
        ],
      },
    },
  },
  rollback: {
    status: "pass",
    summary: "no trigger fired of 2",
    checks: [],
    deterministic: {
      triggers: [
        {
          id: "RT-DRAIN-REGRESSION",
          metric: "drain_seconds, candidate / base",
          observed: 1,
          threshold: 1.15,
          fired: false,
          detail: "1x the base drain time on burst",
        },
        {
          id: "RT-BENCH-REGRESSION",
          metric: "benchmarks with verdict regressed",
          observed: null,
          threshold: 0,
          fired: false,
          detail: "no benchmark <report>",
        },
      ],
      revert_commands: ['nemesis-ctl throughput revert --to balanced --reason "gate: revert path check"'],
      revert: {
        command: 'nemesis-ctl throughput revert --to balanced --reason "gate: revert path check"',
        exit_code: 0,
        verified: true,
      },
    },
    measured: {},
  },
};

/** A small sealed bundle of a complete twin run, with every table and chart the reports draw. */
export function reportedBundle(): ReportedBundle {
  const order = ["controls", "queue-drain", "benchmark", "rollback"] as const;
  const recorded = bundleSteps<ReportedSteps>(steps, order);
  return sealBundle<ReportedSteps>({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: "2026-01-01T00:00:00Z",
    deterministic: {
      gate: {
        name: "test",
        config: "gates/gate.config.json",
        mode: "twin",
        quick: true,
        only: null,
        candidate: {
          commit: "0123456789abcdef0123456789abcdef01234567",
          dirty: true,
          change: "aggressive override for 20 m over balanced",
        },
        baseline: {
          ref: "origin/main",
          commit: "89abcdef0123456789abcdef0123456789abcdef",
          same_tree: false,
        },
      },
      inputs: [],
      steps: recorded.steps,
      verdict: {
        result: "pass",
        exit_code: 0,
        reasons: [],
        kpis_improved: ["burst.starvation"],
        triggers_fired: [],
      },
    },
    measured: {
      environment: {
        node: "v20.20.2",
        cpu: "Example CPU",
        cores: 2,
        os: "linux 6.1",
        host: "ci-runner-7",
        ci_run: "https://github.com/example/nemesis/actions/runs/42",
      },
      timings_ms: {},
      steps: recorded.measured,
    },
  });
}
