import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Credentials, createApiClient } from "../../api-client/index.js";
import { NEMESIS_DEFAULT_CREDENTIALS } from "../../twin/index.js";
import type { GateConfig } from "../config.js";
import { applyCandidateArgv, type CtlRun, commandLine, ctl, snapshot } from "./ctl.js";
import { type Check, type GateStep, type NoMeasurements, type StepResult, statusOf } from "./step.js";

export type ControlsResult = StepResult<
  {
    candidate: GateConfig["candidate"];
    base_preset: string;
    /** Each snapshot without its API URL; null where none was taken. */
    snapshots: { before: unknown; during: unknown; after_expiry: unknown; after_revert: unknown };
    checks: { name: string; pass: boolean }[];
    /** Messages of the checks where the effective state differed from what was requested. */
    drift: string[];
    commands: { command: string; exit_code: number }[];
  },
  NoMeasurements
>;

/** Fields that move with time alone: the clocks, and the version, which is a logical clock. */
const TIME_FIELDS = new Set(["timestamp", "taken_at", "version"]);

function withoutTime(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTime);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !TIME_FIELDS.has(k))
        .map(([k, v]) => [k, withoutTime(v)]),
    );
  }
  return value;
}

/**
 * The status fields a busy live system moves on its own, as dotted paths (`*` for each item of an array): queue
 * depths and the severities, pressure, flags and timers that follow from them and from telemetry, the clocks, and
 * the version, which the version-sequence check judges instead. The policy fields stay: requested, base, override
 * and effective preset, and each class's limits. `target.live.volatile_fields` in the gate config replaces this list.
 */
export const LIVE_VOLATILE_FIELDS: readonly string[] = [
  "timestamp",
  "version",
  "summary",
  "queue_pressure_level",
  "policy_active",
  "sustained_seconds",
  "cooldown_remaining_seconds",
  "telemetry_stale",
  "fail_safe",
  "fail_safe_reason",
  "queue_states.*.queued_messages",
  "queue_states.*.severity",
  "class_states.*.deferred_admission",
  "class_states.*.reason",
];

/** `value` without the fields at the given dotted paths. */
export function withoutFields(value: unknown, paths: readonly string[]): unknown {
  const split = paths.map((p) => p.split("."));
  const strip = (node: unknown, rest: readonly (readonly string[])[]): unknown => {
    if (Array.isArray(node)) {
      const items = rest.filter((p) => p[0] === "*").map((p) => p.slice(1));
      return node.map((item) => strip(item, items));
    }
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => !rest.some((p) => p.length === 1 && p[0] === k))
        .map(([k, v]) => [
          k,
          strip(
            v,
            rest.filter((p) => p.length > 1 && p[0] === k).map((p) => p.slice(1)),
          ),
        ]),
    );
  };
  return strip(value, split);
}

/**
 * Whether two statuses say the same: on the twin, time fields aside; live, the volatile fields aside too. Returns
 * the top-level fields that differ.
 */
export function policyDifferences(
  before: unknown,
  after: unknown,
  volatile: readonly string[] | null,
): string[] {
  const view = (s: unknown) =>
    (volatile ? withoutFields(s, volatile) : withoutTime(s)) as Record<string, unknown> | null;
  const a = view(before) ?? {};
  const b = view(after) ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
}

/**
 * Where the version sequence of consecutive statuses breaks: it must never go back, and must rise where the policy
 * fields changed (applying the preset already in effect changes nothing, so it may stay).
 */
export function versionProblems(
  statuses: readonly (Record<string, unknown> | null)[],
  volatile: readonly string[],
): string[] {
  const problems: string[] = [];
  for (let i = 1; i < statuses.length; i++) {
    const [a, b] = [statuses[i - 1], statuses[i]];
    const [va, vb] = [a?.version, b?.version];
    if (typeof va !== "number" || typeof vb !== "number") {
      problems.push(`snapshot ${i + 1} has no version to compare`);
      continue;
    }
    const changed = policyDifferences(a, b, volatile);
    if (vb < va) problems.push(`the version went back from ${va} to ${vb}`);
    else if (changed.length && vb === va)
      problems.push(`${changed.join(", ")} changed but the version stayed ${va}`);
  }
  return problems;
}

/** What a snapshot says, without where it came from: the port of a twin differs on every run. */
function forDigest(doc: Record<string, unknown> | null): unknown {
  if (!doc) return null;
  const { api_url: _url, ...rest } = doc;
  return rest;
}

const statusOfSnapshot = (doc: Record<string, unknown> | null) =>
  (doc?.status ?? null) as Record<string, unknown> | null;

/** The gate starts its own twin with the twin's default credentials, so its controls are called as that user. */
function gateTwinCredentials(): Credentials {
  const [user] = Object.entries(NEMESIS_DEFAULT_CREDENTIALS.users);
  if (!user) throw new Error("the twin's default credentials name no user to call its controls as");
  return { user: user[0], password: user[1] };
}

/** A POST to one of the gate's own twin's controls; an ApiError names the call when it fails. */
async function twinCall(twinOrigin: string, path: string, body: unknown): Promise<void> {
  const client = createApiClient({ baseUrl: twinOrigin, credentials: gateTwinCredentials() });
  await client.call("POST", path, { body });
}

/**
 * The operator's flow, through nemesis-ctl subprocesses: snapshot, apply the candidate, snapshot during it, let
 * the TTL run out, snapshot, revert, snapshot. Then probes of the effective state: an unknown preset must be
 * refused, a telemetry error must fail safe, and a read must change nothing.
 */
export const controls: GateStep<"controls"> = {
  id: "controls",
  title: "operator controls",
  async run(ctx) {
    const url = ctx.target.url;
    const dir = join(ctx.out, "snapshots");
    mkdirSync(dir, { recursive: true });
    const { candidate } = ctx.config;
    const base = ctx.config.base_preset ?? "balanced";
    const checks: Check[] = [];
    const drift: string[] = [];
    const commands: CtlRun[] = [];
    const check = (name: string, pass: boolean, message: string, isDrift = false) => {
      checks.push({ name, pass, message });
      if (!pass && isDrift) drift.push(message);
    };
    const run = async (argv: string[]) => {
      const r = await ctl(url, argv);
      commands.push(r);
      return r;
    };

    const before = await snapshot(url, dir, "before");
    check("snapshot before the change", before.doc !== null, before.run.stderr || "taken");
    if (!before.doc)
      return {
        status: "error",
        summary: `cannot reach the API: ${before.run.stderr}`,
        checks,
        deterministic: {},
        measured: {},
      };

    const apply = applyCandidateArgv(candidate);
    const applied = await run(apply);
    check(
      "apply the candidate",
      applied.exitCode === 0,
      `${commandLine(apply)} → exit ${applied.exitCode} ${applied.stderr}`.trim(),
    );

    const during = await snapshot(url, dir, "during");
    const duringStatus = statusOfSnapshot(during.doc);
    check(
      "the candidate is in effect",
      duringStatus?.requested_preset === candidate.preset,
      `requested_preset is ${String(duringStatus?.requested_preset)}, expected ${candidate.preset}`,
      true,
    );

    let afterExpiry: Awaited<ReturnType<typeof snapshot>> | null = null;
    if (candidate.ttl_seconds && ctx.target.twinOrigin) {
      await twinCall(ctx.target.twinOrigin, "/__twin/clock/advance", { seconds: candidate.ttl_seconds + 1 });
      afterExpiry = await snapshot(url, dir, "after-expiry");
      const s = statusOfSnapshot(afterExpiry.doc);
      check(
        "the override expires at its TTL",
        s?.override === null && s?.requested_preset === base,
        s?.override === null
          ? `requested_preset is ${String(s?.requested_preset)} after expiry`
          : "the override is still active after its expiry",
        true,
      );
    }

    const revertArgv = ["throughput", "revert", "--to", base, "--reason", "gate: revert path"];
    const reverted = await run(revertArgv);
    check(
      "the revert path runs",
      reverted.exitCode === 0,
      `${commandLine(revertArgv)} → exit ${reverted.exitCode}`,
    );
    const afterRevert = await snapshot(url, dir, "after-revert");
    const live = ctx.target.mode === "live";
    const volatile = live ? (ctx.config.target.live?.volatile_fields ?? LIVE_VOLATILE_FIELDS) : null;
    const differs = policyDifferences(before.doc.status, afterRevert.doc?.status, volatile);
    check(
      "after the revert the state equals the state before",
      differs.length === 0,
      differs.length === 0
        ? `equal, ${live ? "queue depths, pressure and time fields" : "time fields"} aside`
        : `the state after the revert differs from before${live ? ` in ${differs.join(", ")}` : ""}`,
      true,
    );
    if (live) {
      const backwards = versionProblems(
        [before, during, afterRevert].map((s) => statusOfSnapshot(s.doc)),
        volatile ?? LIVE_VOLATILE_FIELDS,
      );
      check(
        "the version advances with each change",
        backwards.length === 0,
        backwards.length === 0 ? "it rose with every change of the policy fields" : backwards.join("; "),
        true,
      );
    }

    if (ctx.target.twinOrigin) {
      const first = await run(["throughput", "status", "--json"]);
      const second = await run(["throughput", "status", "--json"]);
      check(
        "a read changes nothing",
        first.stdout === second.stdout,
        first.stdout === second.stdout
          ? "two reads in a row gave the same answer"
          : "a read changed the state",
        true,
      );

      const probe = await run(["throughput", "set", "turbo", "--reason", "gate: unknown preset probe"]);
      const afterProbe = await run(["throughput", "status", "--json"]);
      const unchanged = afterProbe.stdout === second.stdout;
      check(
        "an unknown preset is refused",
        probe.exitCode === 2 && unchanged,
        probe.exitCode === 2 ? "refused" : "an unknown preset was accepted",
        true,
      );

      await twinCall(ctx.target.twinOrigin, "/__twin/telemetry", { mode: "failing" });
      const failing = JSON.parse((await run(["throughput", "status", "--json"])).stdout || "{}") as Record<
        string,
        unknown
      >;
      check(
        "a telemetry error fails safe",
        failing.fail_safe === true && failing.active_preset === "conservative",
        failing.fail_safe === true ? "fail-safe on conservative" : "a telemetry error read as normal",
        true,
      );
      await twinCall(ctx.target.twinOrigin, "/__twin/telemetry", { mode: "ok" });
    }

    return {
      status: statusOf(checks),
      summary: `${checks.filter((c) => c.pass).length}/${checks.length} control checks passed${drift.length ? `; state drift: ${drift.join("; ")}` : ""}`,
      checks,
      deterministic: {
        candidate,
        base_preset: base,
        snapshots: {
          before: forDigest(before.doc),
          during: forDigest(during.doc),
          after_expiry: afterExpiry ? forDigest(afterExpiry.doc) : null,
          after_revert: forDigest(afterRevert.doc),
        },
        checks: checks.map((c) => ({ name: c.name, pass: c.pass })),
        drift,
        commands: commands.map((c) => ({ command: commandLine(c.argv), exit_code: c.exitCode })),
      },
      measured: {},
    };
  },
};
