/**
 * Model-based property tests for the six policy invariants (stated in src/policy/invariants.ts and
 * docs/architecture.md, "Invariants"). The same commands run in `npm test`
 * (random seeds) and in the gate (a fixed seed, against the candidate catalog).
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import {
  type Catalog,
  checkStatusInvariants,
  clearOverride,
  createOverride,
  deriveStatus,
  evaluateWhatIf,
  historyAt,
  ingestFailure,
  ingestSample,
  initialState,
  type OpResult,
  type PolicyState,
  revert,
  setBasePreset,
} from "../../src/policy/index.js";

const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
const ACTOR = "operator";

export interface Real {
  catalog: Catalog;
  state: PolicyState;
  now: number;
}

/** What the policy should be, tracked independently of the engine. */
export interface Model {
  base: string;
  override: { preset: string; createdAt: number; expiresAt: number } | null;
  version: number;
  now: number;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function fail(message: string): never {
  throw new Error(message);
}

function modelOverrideLive(m: Model): boolean {
  return m.override !== null && m.override.createdAt <= m.now && m.now < m.override.expiresAt;
}

/** Invariants 1, 2, 3, 6 on the status and on every what-if, plus agreement with the model. */
function checkAll(m: Model, r: Real): void {
  const status = deriveStatus(r.catalog, r.state, r.now);
  const violations = checkStatusInvariants(r.catalog, status, r.state.override, r.now);
  for (const preset of r.catalog.presets.map((p) => p.name)) {
    for (const telemetryStale of [false, true]) {
      const whatIf = evaluateWhatIf(r.catalog, r.state, r.now, { preset, telemetryStale });
      if (!whatIf.ok) fail(`what-if ${preset} refused: ${whatIf.error.message}`);
      violations.push(...checkStatusInvariants(r.catalog, whatIf.status, null, r.now));
    }
  }
  if (violations.length > 0) fail(violations.map((v) => `invariant ${v.invariant}: ${v.message}`).join("; "));
  if (status.base_preset !== m.base) fail(`base ${status.base_preset}, model ${m.base}`);
  if (status.version !== m.version) fail(`version ${status.version}, model ${m.version}`);
  const live = modelOverrideLive(m);
  if ((status.override !== null) !== live)
    fail(`override shown=${status.override !== null}, model live=${live}`);
  if (live && status.requested_preset !== m.override?.preset) fail("requested preset is not the override's");
  if (!live && status.requested_preset !== m.base) fail("requested preset is not the base");
  if (m.override && !live && r.state.override) {
    // Invariant 3: after expiry the state equals the base preset's state exactly.
    const without = deriveStatus(r.catalog, { ...r.state, override: null }, r.now);
    if (!isDeepStrictEqual(status, without))
      fail("status after expiry differs from the base preset's status");
  }
}

function applyOp(r: Real, result: OpResult): boolean {
  if (!result.ok) return false;
  r.state = deepFreeze(result.state);
  return result.changed;
}

type Cmd = fc.Command<Model, Real>;

class Advance implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    m.now += this.seconds;
    r.now += this.seconds;
    checkAll(m, r);
  }
  toString = () => `advance(${this.seconds})`;
}

/** Lands exactly around an override's expiry, where off-by-one mistakes live. */
class AdvanceToExpiry implements Cmd {
  constructor(readonly offset: -1 | 0 | 1) {}
  check = (m: Readonly<Model>) => m.override !== null && m.override.expiresAt + this.offset > m.now;
  run(m: Model, r: Real) {
    const target = (m.override?.expiresAt ?? m.now) + this.offset;
    r.now = target;
    m.now = target;
    checkAll(m, r);
  }
  toString = () => `advanceToExpiry(${this.offset})`;
}

class SetBase implements Cmd {
  constructor(
    readonly preset: string,
    readonly reason: string,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    const valid = r.catalog.presets.some((p) => p.name === this.preset) && this.reason.trim() !== "";
    const changed = applyOp(r, setBasePreset(r.catalog, r.state, { ...this, actor: ACTOR }, r.now));
    if (valid && this.preset !== m.base) {
      if (!changed) fail("a valid set was not applied");
      m.base = this.preset;
      m.version += 1;
    } else if (changed) fail("an invalid or idempotent set changed the state");
    checkAll(m, r);
  }
  toString = () => `set(${JSON.stringify(this.preset)}, ${JSON.stringify(this.reason)})`;
}

class CreateOverride implements Cmd {
  constructor(
    readonly preset: string,
    readonly ttlSeconds: number,
    readonly replace: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    const valid =
      r.catalog.presets.some((p) => p.name === this.preset) &&
      Number.isInteger(this.ttlSeconds) &&
      this.ttlSeconds > 0 &&
      this.ttlSeconds <= r.catalog.max_override_ttl_seconds &&
      (this.replace || !modelOverrideLive(m));
    const changed = applyOp(
      r,
      createOverride(r.catalog, r.state, { ...this, reason: "test", actor: ACTOR }, r.now),
    );
    if (changed !== valid) fail(`override accepted=${changed}, expected ${valid}`);
    if (valid) {
      m.override = { preset: this.preset, createdAt: m.now, expiresAt: m.now + this.ttlSeconds };
      m.version += 1;
    }
    checkAll(m, r);
  }
  toString = () => `override(${JSON.stringify(this.preset)}, ${this.ttlSeconds}, replace=${this.replace})`;
}

class Clear implements Cmd {
  check = () => true;
  run(m: Model, r: Real) {
    const live = modelOverrideLive(m);
    const changed = applyOp(r, clearOverride(r.catalog, r.state, { reason: "done", actor: ACTOR }, r.now));
    if (changed !== live) fail(`clear changed=${changed}, override live=${live}`);
    if (live) {
      m.override = null;
      m.version += 1;
    }
    checkAll(m, r);
  }
  toString = () => "clear()";
}

/** Invariant 4: revert lands on the known-good preset with no override, and a second revert is a no-op. */
class Revert implements Cmd {
  constructor(readonly to: string | undefined) {}
  check = () => true;
  run(m: Model, r: Real) {
    const target = this.to ?? r.catalog.known_good_preset;
    const input = { toPreset: this.to, reason: "rollback", actor: ACTOR };
    const changed = applyOp(r, revert(r.catalog, r.state, input, r.now));
    const needed = modelOverrideLive(m) || m.base !== target;
    if (changed !== needed) fail(`revert changed=${changed}, expected ${needed}`);
    if (needed) m.version += 1;
    m.base = target;
    m.override = null;
    const status = deriveStatus(r.catalog, r.state, r.now);
    if (status.override !== null || status.requested_preset !== target)
      fail("revert left an override or wrong preset");
    const again = revert(r.catalog, r.state, input, r.now);
    if (!again.ok || again.changed || again.state !== r.state) fail("a second revert changed the state");
    checkAll(m, r);
  }
  toString = () => `revert(${this.to ?? ""})`;
}

class Sample implements Cmd {
  constructor(readonly depths: Record<string, number>) {}
  check = () => true;
  run(m: Model, r: Real) {
    applyOp(r, ingestSample(r.catalog, r.state, this.depths, r.now));
    checkAll(m, r);
  }
  toString = () => `sample(${JSON.stringify(this.depths)})`;
}

class Failure implements Cmd {
  check = () => true;
  run(m: Model, r: Real) {
    applyOp(r, ingestFailure(r.catalog, r.state, "broker unreachable", r.now));
    const status = deriveStatus(r.catalog, r.state, r.now);
    if (!status.fail_safe || status.active_preset !== r.catalog.fail_safe_preset)
      fail("a telemetry failure did not fail safe");
    checkAll(m, r);
  }
  toString = () => "telemetryFailure()";
}

/** Invariant 5: reads and what-ifs change nothing, and the same read twice gives the same answer. */
class Read implements Cmd {
  constructor(
    readonly preset: string | undefined,
    readonly telemetryStale: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    const before = r.state;
    const first = JSON.stringify(deriveStatus(r.catalog, r.state, r.now));
    evaluateWhatIf(r.catalog, r.state, r.now, { preset: this.preset, telemetryStale: this.telemetryStale });
    historyAt(r.state, r.now);
    if (r.state !== before || JSON.stringify(deriveStatus(r.catalog, r.state, r.now)) !== first) {
      fail("a read changed the state");
    }
    checkAll(m, r);
  }
  toString = () => `read(${this.preset ?? ""}, stale=${this.telemetryStale})`;
}

export function policyCommands(catalog: Catalog): fc.Arbitrary<Iterable<Cmd>> {
  const names = catalog.presets.map((p) => p.name);
  const preset = fc.constantFrom(...names, "turbo", "Balanced", "");
  const ttl = fc.oneof(
    fc.integer({ min: 1, max: 3600 }),
    fc.constantFrom(
      -5,
      0,
      1,
      catalog.max_override_ttl_seconds,
      catalog.max_override_ttl_seconds + 1,
      1.5,
      Number.NaN,
    ),
  );
  const depth = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 250 }));
  const depths = fc.record(Object.fromEntries(catalog.queues.map((q) => [q.name, depth])), {
    requiredKeys: catalog.queues.map((q) => q.name).slice(1),
  });
  return fc.commands(
    [
      fc.integer({ min: 1, max: 200 }).map((s) => new Advance(s)),
      fc.constantFrom<-1 | 0 | 1>(-1, 0, 1).map((o) => new AdvanceToExpiry(o)),
      fc.tuple(preset, fc.constantFrom("incident", "", "  ")).map(([p, reason]) => new SetBase(p, reason)),
      fc.tuple(preset, ttl, fc.boolean()).map(([p, t, replace]) => new CreateOverride(p, t, replace)),
      fc.constant(new Clear()),
      fc.option(fc.constantFrom(...names), { nil: undefined }).map((to) => new Revert(to)),
      depths.map((d) => new Sample(d)),
      fc.constant(new Failure()),
      fc
        .tuple(fc.option(fc.constantFrom(...names), { nil: undefined }), fc.boolean())
        .map(([p, s]) => new Read(p, s)),
    ],
    { maxCommands: 40, size: "max" },
  );
}

/** The property: from a fresh deployment, every sequence of commands keeps every invariant. */
export function policyInvariantProperty(catalog: Catalog) {
  return fc.property(policyCommands(catalog), (cmds) => {
    const state = deepFreeze(initialState(catalog));
    const setup = () => ({
      model: { base: catalog.default_preset, override: null, version: state.version, now: EPOCH },
      real: { catalog, state, now: EPOCH },
    });
    fc.modelRun(setup, cmds);
  });
}
