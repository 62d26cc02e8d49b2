import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { GateConfig } from "../config.js";
import { applyCandidateArgv, type CtlRun, commandLine, ctl, snapshot } from "./ctl.js";
import {
  type Check,
  type GateContext,
  type GateStep,
  type NoMeasurements,
  type StepResult,
  statusOf,
} from "./step.js";

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

/** What a snapshot says, without where it came from: the port of a twin differs on every run. */
function forDigest(doc: Record<string, unknown> | null): unknown {
  if (!doc) return null;
  const { api_url: _url, ...rest } = doc;
  return rest;
}

const statusOfSnapshot = (doc: Record<string, unknown> | null) =>
  (doc?.status ?? null) as Record<string, unknown> | null;

async function twinCall(ctx: GateContext, path: string, body: unknown): Promise<void> {
  const auth = `Basic ${Buffer.from("n:n").toString("base64")}`;
  const res = await fetch(`${ctx.target.twinOrigin}${path}`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`twin ${path} answered ${res.status}`);
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
      await twinCall(ctx, "/__twin/clock/advance", { seconds: candidate.ttl_seconds + 1 });
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
    const same =
      JSON.stringify(withoutTime(afterRevert.doc?.status)) === JSON.stringify(withoutTime(before.doc.status));
    check(
      "after the revert the state equals the state before",
      same,
      same ? "equal, time fields aside" : "the state after the revert differs from before",
      true,
    );

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

      await twinCall(ctx, "/__twin/telemetry", { mode: "failing" });
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
      await twinCall(ctx, "/__twin/telemetry", { mode: "ok" });
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
