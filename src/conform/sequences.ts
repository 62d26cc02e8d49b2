/**
 * Model-based sequences: fast-check draws a list of calls, runs it against the target and the model side by side,
 * and shrinks a failing list to a short one. After each call: (a) schema, (b) model, (c) invariants.
 */
import fc from "fast-check";
import type { Status } from "../contract/index.js";
import { bodyAs, invariantProblems } from "./checks.js";
import { POLICY } from "./client.js";
import {
  adoptOverrideId,
  expectMutation,
  historyMismatches,
  type Model,
  type Mutation,
  requestOf,
  statusMismatches,
  type WhatIfQuery,
  whatIfMismatches,
} from "./model.js";
import type { Session } from "./session.js";

/** fast-check's model: a box, so a command can replace the model it holds. */
interface Box {
  m: Model;
}

type Step = fc.AsyncCommand<Box, Session>;

/** The invariants and the model's fields on one status the target served. */
function checkStatus(s: Session, model: Model, now: number, status: Status, label: string): void {
  s.check(statusMismatches(model, now, status, label));
  s.check(invariantProblems(model.catalog, status, model.state.override, now, label));
}

class MutationStep implements Step {
  constructor(readonly mutation: Mutation) {}
  check = () => true;

  async run(box: Box, s: Session): Promise<void> {
    const request = requestOf(this.mutation);
    const reply = await s.send(request.method, request.path, { body: request.body });
    const body = bodyAs(reply.body, "MutationResult") ?? bodyAs(reply.body, "RevertResult");
    const shown = body && ("status" in body ? body.status : body.after);
    const now = s.observe(shown?.timestamp);
    const before = box.m;
    const want = expectMutation(before, this.mutation, now);
    s.expectStatus(reply, want.status, this.toString());
    if (!s.full || reply.status >= 300 || !shown) {
      box.m = { ...before, now };
      return;
    }
    if (body?.changed !== want.changed) {
      s.check([`${this} answered changed=${body?.changed}, the model says ${want.changed}`]);
    }
    let next = want.next;
    if (this.mutation.kind === "create_override" && shown.override) {
      next = adoptOverrideId(next, shown.override.id);
    }
    box.m = { ...before, state: next, now };
    if (body && "before" in body) checkStatus(s, before, now, body.before, `${this} before`);
    checkStatus(s, box.m, now, shown, `${this} status`);
    s.checkEtag(reply, shown);
  }

  toString(): string {
    const m = this.mutation;
    const reason = m.reason.trim() === "" ? " reason=blank" : "";
    switch (m.kind) {
      case "set_preset":
        return `set_preset ${m.preset}${reason}`;
      case "create_override":
        return `${m.replace ? "replace_override" : "create_override"} ${m.preset} ttl=${m.ttlSeconds}${reason}`;
      case "clear_override":
        return `clear_override${reason}`;
      case "revert":
        return `revert${m.toPreset === undefined ? "" : ` to_preset=${m.toPreset}`}${reason}`;
    }
  }
}

class StatusStep implements Step {
  check = () => true;
  async run(box: Box, s: Session): Promise<void> {
    const { reply, status } = await s.status();
    box.m = { ...box.m, now: s.now };
    checkStatus(s, box.m, s.now, status, "status");
    s.checkEtag(reply, status);
  }
  toString = () => "status";
}

class WhatIfStep implements Step {
  constructor(readonly query: WhatIfQuery) {}
  check = () => true;
  async run(box: Box, s: Session): Promise<void> {
    const q: Record<string, string> = {};
    if (this.query.preset !== undefined) q.preset = this.query.preset;
    if (this.query.telemetryStale !== undefined) q.telemetry_stale = String(this.query.telemetryStale);
    const reply = await s.send("POST", `${POLICY}/evaluate`, { query: q });
    const status = reply.status === 200 ? bodyAs(reply.body, "Status") : null;
    const now = s.observe(status?.timestamp);
    box.m = { ...box.m, now };
    s.check(whatIfMismatches(box.m, now, this.query, reply.status, reply.body));
    if (status) {
      const override = this.query.preset === undefined ? box.m.state.override : null;
      s.check(invariantProblems(box.m.catalog, status, override, now, `${this}`));
    }
  }
  toString(): string {
    const parts = [
      this.query.preset === undefined ? "" : ` preset=${this.query.preset}`,
      this.query.telemetryStale === undefined ? "" : ` telemetry_stale=${this.query.telemetryStale}`,
    ];
    return `what_if${parts.join("")}`;
  }
}

class HistoryStep implements Step {
  check = () => true;
  async run(box: Box, s: Session): Promise<void> {
    const entries = await s.history();
    s.check(historyMismatches(box.m, s.now, entries));
  }
  toString = () => "history";
}

class AdvanceStep implements Step {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(box: Box, s: Session): Promise<void> {
    box.m = { ...box.m, now: await s.advance(this.seconds) };
  }
  toString = () => `advance ${this.seconds}s`;
}

/** A preset name no catalog holds: an implementation must refuse it, never fall back. */
export const UNKNOWN_PRESET = "no-such-preset";

/** The calls a sequence draws from. Clock moves only where the target has the twin's clock. */
export function stepArbitraries(s: Session): fc.Arbitrary<Step>[] {
  const catalog = s.catalog;
  const presets = catalog.presets.map((p) => p.name);
  const preset = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...presets) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_PRESET) },
  );
  const reason = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom("conformance check", "load test", "incident 42") },
    { weight: 1, arbitrary: fc.constant("   ") },
  );
  const max = catalog.max_override_ttl_seconds;
  // On a wall clock a short TTL could lapse between the answer and the check; only the twin's clock is exact.
  const validTtls = s.twinControls ? [1, 30, 60, 300, 3600, max] : [600, 3600, max];
  const ttl = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...validTtls) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, max + 1) },
  );
  const mutation = (m: fc.Arbitrary<Mutation>) => m.map((x): Step => new MutationStep(x));
  const steps: fc.Arbitrary<Step>[] = [
    mutation(fc.record({ kind: fc.constant("set_preset" as const), preset, reason })),
    // Create and replace are drawn as often as each other.
    ...[false, true].map((replace) =>
      mutation(
        fc.record({
          kind: fc.constant("create_override" as const),
          preset,
          ttlSeconds: ttl,
          reason,
          replace: fc.constant(replace),
        }),
      ),
    ),
    mutation(fc.record({ kind: fc.constant("clear_override" as const), reason })),
    mutation(
      fc.record(
        { kind: fc.constant("revert" as const), toPreset: preset, reason },
        { requiredKeys: ["kind", "reason"] },
      ),
    ),
    fc.constant<Step>(new StatusStep()),
    fc
      .record({ preset, telemetryStale: fc.boolean() }, { requiredKeys: [] })
      .map((q): Step => new WhatIfStep(q)),
    fc.constant<Step>(new HistoryStep()),
  ];
  if (s.twinControls) {
    steps.push(fc.constantFrom(1, 29, 30, 61, 600, 3600).map((n): Step => new AdvanceStep(n)));
  }
  return steps;
}

export interface SequenceOutcome {
  sequences: number;
  failure: { message: string; commands: string[]; seed: number; path: string } | null;
}

/** How far a failure is shrunk: enough for a short list, bounded so a slow target still ends. */
const SHRINK_LIMIT = 400;

/** Runs `runs` sequences from `seed`; a failing one comes back shrunk, with what replays it. */
export async function runSequences(s: Session, seed: number, runs: number): Promise<SequenceOutcome> {
  let sequences = 0;
  const arbitrary = fc.limitShrink(
    fc.commands(stepArbitraries(s), { maxCommands: 40, size: "medium" }),
    SHRINK_LIMIT,
  );
  const property = fc.asyncProperty(arbitrary, async (cmds) => {
    sequences += 1;
    const model = await s.start();
    await fc.asyncModelRun(() => ({ model: { m: model }, real: s }), cmds);
  });
  const details = await fc.check(property, { seed, numRuns: runs });
  if (!details.failed || !details.counterexample) return { sequences, failure: null };
  const [cmds] = details.counterexample;
  const error = details.errorInstance;
  return {
    sequences,
    failure: {
      message: error instanceof Error ? error.message : String(error),
      commands: [...cmds].map((c) => String(c)),
      seed: details.seed,
      path: details.counterexamplePath ?? "",
    },
  };
}
