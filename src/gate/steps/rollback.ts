import { evaluateTriggers, type TriggerOutcome } from "../triggers/index.js";
import { applyCandidateArgv, commandLine, ctl } from "./ctl.js";
import type { Check, GateStep, NoMeasurements, StepResult } from "./step.js";

export interface RevertRun {
  command: string;
  exit_code: number;
  verified: boolean;
}

export type RollbackResult = StepResult<
  { triggers: TriggerOutcome[]; revert_commands: string[]; revert: RevertRun | null },
  NoMeasurements
>;

/**
 * Evaluates every rollback trigger, prints the exact revert commands when one fires, and runs the revert path for
 * real: on the twin it applies the candidate again and reverts it; live, it reverts only when a trigger fired.
 */
export const rollback: GateStep<"rollback"> = {
  id: "rollback",
  title: "rollback triggers and revert path",
  async run(ctx) {
    const outcomes = evaluateTriggers(ctx.triggers, ctx.results);
    const fired = outcomes.filter((t) => t.fired);
    const base = ctx.config.base_preset ?? "balanced";
    const reason = fired.length
      ? `rollback: ${fired.map((t) => t.id).join(", ")} fired`
      : "gate: revert path check";
    const revertArgv = ["throughput", "revert", "--to", base, "--reason", reason];
    const commands = [commandLine(revertArgv)];
    // A trigger with nothing to observe is not a trigger that held: it fails the step, never passes quietly. A
    // live run's unevaluated trigger is no step failure: the verdict says incomplete, or the twin run judges it.
    const checks: Check[] = outcomes.map((t) => ({
      name: t.id,
      pass: t.unevaluable !== undefined || (!t.fired && t.observed !== null),
      message: t.unevaluable
        ? `not evaluated: ${t.detail}`
        : t.observed === null
          ? `could not be evaluated: ${t.detail}`
          : `${t.detail} (threshold ${t.threshold})${t.fired ? ": FIRED" : ""}`,
    }));
    const unevaluated = outcomes.filter((t) => t.unevaluable).length;
    for (const line of fired.length ? commands : []) ctx.log(`revert with: ${line}`);

    let revert: RevertRun | null = null;
    if (ctx.target.mode === "twin" || fired.length) {
      const { candidate } = ctx.config;
      if (ctx.target.mode === "twin") await ctl(ctx.target.url, applyCandidateArgv(candidate, true));
      const run = await ctl(ctx.target.url, revertArgv);
      const status = JSON.parse(
        (await ctl(ctx.target.url, ["throughput", "status", "--json"])).stdout || "{}",
      ) as Record<string, unknown>;
      const verified = run.exitCode === 0 && status.base_preset === base && status.override === null;
      revert = { command: commands[0] ?? "", exit_code: run.exitCode, verified };
      checks.push({
        name: "revert path verified",
        pass: verified,
        message: `${revert.command} → exit ${run.exitCode}; base ${String(status.base_preset)}, override ${status.override === null ? "none" : "still set"}`,
      });
    }
    return {
      status: checks.every((c) => c.pass) ? "pass" : "fail",
      summary: fired.length
        ? `${fired.length} trigger(s) fired: ${fired.map((t) => t.id).join(", ")}`
        : `no trigger fired of ${outcomes.length}${unevaluated ? ` (${unevaluated} not evaluated live)` : ""}`,
      checks,
      deterministic: { triggers: outcomes, revert_commands: commands, revert },
      measured: {},
    };
  },
};
