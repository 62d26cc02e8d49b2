import type { Status } from "../../contract/index.js";
import type { Session } from "../session.js";
import { type Property, PropertySkipped } from "./property.js";

/**
 * A burst of cheap files on the first queue, faster than its workers drain them: pressure builds for about a
 * minute and a half, then drains, so one walk sees the window fill, the policy start, and the cooldown run out.
 */
function burstProfile(s: Session) {
  const queues = s.catalog.queues.map((q) => q.name);
  return {
    name: "conform-burst",
    seed: 7,
    max_seconds: 3600,
    workers: Object.fromEntries(queues.map((q, i) => [q, i === 0 ? 5 : 2])),
    arrivals: [{ queue: queues[0], pattern: "burst", count: 600, start_seconds: 0, duration_seconds: 60 }],
    mix: [{ extension: ".txt", weight: 1 }],
    service_time: Object.fromEntries(
      s.catalog.classes.map((c, tier) => [
        c.name,
        { distribution: "lognormal", mean_seconds: tier === 0 ? 1 : 20, cv: 0.5 },
      ]),
    ),
  };
}

const STEP_SECONDS = 5;
const WALK_SECONDS = 360;

/** One walk per run, shared by both properties: it starts from a reset, so it reads the same either way. */
const walks = new WeakMap<Session, Promise<Status[]>>();

function walk(s: Session): Promise<Status[]> {
  let seen = walks.get(s);
  if (!seen) {
    seen = walkOnce(s);
    walks.set(s, seen);
  }
  return seen;
}

/** Loads the burst and reads the status every few seconds of the twin's clock. */
async function walkOnce(s: Session): Promise<Status[]> {
  await s.start();
  const loaded = await s.target.call("POST", "/__twin/profile", { body: { profile: burstProfile(s) } });
  if (loaded.status !== 200) {
    throw new PropertySkipped(
      `the target's POST /__twin/profile answered HTTP ${loaded.status}; no way to raise pressure`,
    );
  }
  const seen: Status[] = [];
  for (let t = 0; t < WALK_SECONDS; t += STEP_SECONDS) {
    await s.advance(STEP_SECONDS);
    seen.push((await s.status()).status);
  }
  return seen;
}

const elevated = (st: Status) =>
  st.queue_pressure_level === "warning" || st.queue_pressure_level === "critical";
const at = (st: Status) => st.timestamp.slice(11, 19);

export const sustainedWindow: Property = {
  name: "sustained-window",
  catches:
    "the policy starting before pressure has lasted sustained_seconds_required, or not starting once it has",
  needs: "twin-controls",
  async run({ session: s }) {
    const seen = await walk(s);
    const firstActive = seen.findIndex((st) => st.policy_active && !st.fail_safe);
    const problems: string[] = [];
    if (firstActive < 0) problems.push(`pressure never started the policy in ${WALK_SECONDS}s of a burst`);
    for (const st of seen.slice(0, firstActive < 0 ? seen.length : firstActive + 1)) {
      if (st.fail_safe || !elevated(st)) continue;
      const due = st.sustained_seconds >= st.sustained_seconds_required;
      if (st.policy_active !== due) {
        problems.push(
          `at ${at(st)} pressure ${st.queue_pressure_level} for ${st.sustained_seconds}s of ${st.sustained_seconds_required}s, yet policy_active=${st.policy_active}`,
        );
      }
    }
    s.check(problems.slice(0, 3));
    return { sequences: 1 };
  },
};

export const cooldown: Property = {
  name: "cooldown",
  catches: "the policy lifting as soon as pressure drops instead of after cooldown_seconds, or never lifting",
  needs: "twin-controls",
  async run({ session: s }) {
    const seen = await walk(s);
    const firstActive = seen.findIndex((st) => st.policy_active && !st.fail_safe);
    const problems: string[] = [];
    let cooling: Status | null = null;
    let lifted = false;
    for (const st of firstActive < 0 ? [] : seen.slice(firstActive)) {
      if (st.fail_safe) continue;
      if (elevated(st)) {
        if (!st.policy_active) problems.push(`at ${at(st)} pressure is back but the policy is inactive`);
        cooling = null;
        continue;
      }
      if (st.cooldown_remaining_seconds > st.cooldown_seconds) {
        problems.push(
          `at ${at(st)} cooldown_remaining_seconds ${st.cooldown_remaining_seconds} > cooldown_seconds ${st.cooldown_seconds}`,
        );
      }
      if (st.policy_active !== st.cooldown_remaining_seconds > 0) {
        problems.push(
          `at ${at(st)} policy_active=${st.policy_active} with ${st.cooldown_remaining_seconds}s of cooldown left`,
        );
      }
      if (cooling && cooling.cooldown_remaining_seconds > 0) {
        const want = Math.max(0, cooling.cooldown_remaining_seconds - STEP_SECONDS);
        if (st.cooldown_remaining_seconds !== want) {
          problems.push(
            `at ${at(st)} cooldown_remaining_seconds is ${st.cooldown_remaining_seconds}, ${STEP_SECONDS}s after ${cooling.cooldown_remaining_seconds}`,
          );
        }
      } else if (!cooling && !st.policy_active && !lifted) {
        problems.push(`at ${at(st)} the policy lifted as pressure dropped, with no cooldown`);
      }
      if (!st.policy_active) lifted = true;
      cooling = st;
    }
    if (firstActive < 0) problems.push(`pressure never started the policy in ${WALK_SECONDS}s of a burst`);
    else if (!lifted) problems.push(`the policy was still active ${WALK_SECONDS}s into the walk`);
    s.check(problems.slice(0, 3));
    return { sequences: 1 };
  },
};
