import { resolve } from "node:path";
import { UsageError } from "../cli/index.js";
import { readJsonFile } from "../common/index.js";
import { DEFAULT_SCENARIO, type Defect, loadScenarioFile, type Scenario } from "../twin/index.js";
import { loadBaseBundle } from "./base-bundle.js";
import { configFile } from "./builtin.js";
import type { GateConfig } from "./config.js";
import type { ShardSpec } from "./shard.js";
import type { LiveBase, StepId } from "./steps/index.js";

/** The flags of a run that choose what it runs against. */
export interface TargetOptions {
  root: string;
  quick: boolean;
  only?: StepId;
  apiUrl?: string;
  /** `--record-base`: a live run under the base preset, written as a base recording for later candidate runs. */
  recordBase?: boolean;
  /** `--base-bundle`: the base recording a live candidate run compares its drain runs with. */
  baseBundle?: string;
  /** `--shard I/N`: run this shard's units only, for `evidence merge` to join with the others. */
  shard?: ShardSpec;
}

/** What a run runs against: a live API (with what it compares with) or, without a URL, the gate's own twins. */
export interface LiveSetup {
  apiUrl: string | undefined;
  /** The config, with the base preset as the candidate on a base recording. */
  config: GateConfig;
  base: LiveBase;
}

/** The scenario the gate's twins serve: the config's (or the default), with the config's defects switched on. */
export function scenarioFor(config: GateConfig, root: string): Scenario {
  const scenario = config.target.scenario
    ? loadScenarioFile(resolve(root, config.target.scenario))
    : DEFAULT_SCENARIO;
  return {
    ...scenario,
    defects: [...(scenario.defects ?? []), ...((config.target.defects ?? []) as Defect[])],
  };
}

/** The names the config's profiles declare, read from their files; a file that cannot be read is the drain step's to report. */
function declaredProfiles(config: GateConfig, root: string, quick: boolean): string[] {
  const files = quick ? (config.quick_profiles ?? config.profiles) : config.profiles;
  return files.flatMap((file) => {
    try {
      const name = (
        readJsonFile(configFile(root, "profile", file), { what: "profile" }) as { name?: unknown }
      ).name;
      return typeof name === "string" ? [name] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The live target and what its run compares with, checked before any step runs: --record-base and --base-bundle
 * need a live target and exclude each other; a base bundle that does not fit is refused (exit 2).
 */
export function liveSetup(config: GateConfig, options: TargetOptions): LiveSetup {
  const apiUrl = options.apiUrl ?? (config.target.kind === "api" ? config.target.url : undefined);
  const flag = options.recordBase ? "--record-base" : options.baseBundle ? "--base-bundle" : null;
  if (flag && !apiUrl)
    throw new UsageError(
      `${flag} needs a live target: give --api-url URL, or target.kind "api" in the config`,
    );
  if (options.recordBase && options.baseBundle)
    throw new UsageError("--record-base makes a base bundle and --base-bundle reads one: give one of them");
  if (options.shard) refuseShardWith(options, apiUrl);
  if (!apiUrl) return { apiUrl, config, base: { kind: "none" } };
  if (options.recordBase) {
    const preset = config.base_preset ?? "balanced";
    const candidate = { preset, reason: "base recording: the base preset, no candidate change" };
    return { apiUrl, config: { ...config, candidate }, base: { kind: "recording" } };
  }
  if (!options.baseBundle) return { apiUrl, config, base: { kind: "none" } };
  const expect = {
    root: options.root,
    url: apiUrl,
    config,
    profiles: declaredProfiles(config, options.root, options.quick),
  };
  return { apiUrl, config, base: { kind: "bundle", ...loadBaseBundle(options.baseBundle, expect) } };
}

/**
 * A shard runs on the gate's own twins: a live target's policy cannot be changed by several runners at once, and
 * a run of one step or a base recording is already one runner's work.
 */
function refuseShardWith(options: TargetOptions, apiUrl: string | undefined): void {
  const clash = options.only
    ? `--only ${options.only}`
    : options.recordBase
      ? "--record-base"
      : options.baseBundle
        ? "--base-bundle"
        : apiUrl
          ? "a live target"
          : null;
  if (clash)
    throw new UsageError(
      `--shard splits a whole run on the gate's twins across runners; it cannot be combined with ${clash}`,
    );
}
