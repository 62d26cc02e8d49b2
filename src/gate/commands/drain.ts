import { UsageError } from "../../cli/index.js";
import {
  DEFAULT_TIMEOUT_SECONDS,
  type DrainRun,
  type drainOnTwin,
  type PolicyChoice,
} from "../../drain/index.js";
import { DEFAULT_CATALOG_PATH } from "../../policy/index.js";
import { command } from "../command.js";

/** One run on a fresh twin, so runs never see each other's state. */
async function onFreshTwin(
  profile: Parameters<typeof drainOnTwin>[1],
  choice: PolicyChoice,
  interval: number,
) {
  const [{ startTwin }, { drainOnTwin }] = await Promise.all([
    import("../../twin/index.js"),
    import("../../drain/index.js"),
  ]);
  const twin = await startTwin();
  try {
    return await drainOnTwin({ url: twin.url }, profile, choice, interval);
  } finally {
    await twin.close();
  }
}

export const drain = command({
  name: "drain",
  summary:
    "Replay a stress profile through the API and report queue-drain KPIs. Exit 0 ok, 1 run failed, 2 usage.",
  args: [],
  options: [
    {
      name: "profile",
      value: "file",
      placeholder: "FILE",
      required: true,
      description: "the stress profile",
    },
    {
      name: "preset",
      value: "text",
      placeholder: "NAME",
      conflicts: ["policy-off", "compare"],
      description: "run under this preset (default balanced)",
    },
    { name: "policy-off", conflicts: ["compare"], description: "run with no throttling policy" },
    { name: "compare", description: "run with the policy off and under every preset, side by side" },
    { name: "seed", value: "count", placeholder: "N", description: "use this seed instead of the profile's" },
    {
      name: "api-url",
      value: "url",
      placeholder: "URL",
      description: "sample a live API on the wall clock instead of a twin",
    },
    {
      name: "timeout",
      value: "timeout",
      placeholder: "S",
      default: String(DEFAULT_TIMEOUT_SECONDS),
      description: "give up on a call to the live API after this many seconds, its answer's body included",
    },
    {
      name: "interval",
      value: "seconds",
      placeholder: "S",
      default: "10",
      description: "seconds between samples",
    },
    {
      name: "duration",
      value: "seconds",
      placeholder: "S",
      default: "600",
      description: "how long to sample a live API",
    },
    { name: "json", description: "print JSON instead of the table" },
  ],
  async run({ options }) {
    const { loadCatalogFile } = await import("../../policy/index.js");
    const { writeAtomically } = await import("../../evidence/index.js");
    const { catalogNames, drainLive, drainTable, loadProfileFile } = await import("../../drain/index.js");
    const profile = loadProfileFile(String(options.profile), catalogNames(DEFAULT_CATALOG_PATH));
    if (options.seed !== undefined) profile.seed = Number(options.seed);
    const presets = loadCatalogFile().presets.map((p) => p.name);
    const preset = options.preset === undefined ? undefined : String(options.preset);
    if (preset !== undefined && !presets.includes(preset)) {
      throw new UsageError(`unknown preset "${preset}" (known: ${presets.join(", ")})`);
    }
    const interval = Number(options.interval);
    const apiUrl = options["api-url"] === undefined ? undefined : String(options["api-url"]);

    let runs: DrainRun[];
    if (apiUrl !== undefined) {
      const target = {
        url: apiUrl,
        user: process.env.NEMESIS_API_USER,
        password: process.env.NEMESIS_API_PASSWORD,
        token: process.env.NEMESIS_API_TOKEN,
        timeoutSeconds: Number(options.timeout),
      };
      runs = [
        await drainLive(target, profile, {
          intervalSeconds: interval,
          durationSeconds: Number(options.duration),
        }),
      ];
    } else {
      const choices: PolicyChoice[] = options.compare
        ? [{ off: true }, ...presets.map((name) => ({ preset: name }))]
        : [options["policy-off"] ? { off: true } : { preset: preset ?? "balanced" }];
      runs = [];
      for (const choice of choices) runs.push(await onFreshTwin(profile, choice, interval));
    }

    if (options.compare && !options.json) {
      // --compare gives the table here and the JSON beside it, for the record.
      writeAtomically("evidence/out/drain-compare.json", `${JSON.stringify({ runs }, null, 2)}\n`);
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ runs }, null, 2)}\n`);
    } else {
      const digest = runs.map((r) => `${r.policy}: trace ${r.trace_sha256 ?? "-"}`).join("\n");
      const saved = options.compare ? "JSON: evidence/out/drain-compare.json\n" : "";
      const head = `profile ${profile.name} (seed ${profile.seed}), ${runs[0]?.mode}`;
      process.stdout.write(`${head}\n${drainTable(runs)}\n${digest}\n${saved}`);
    }
    return 0;
  },
});
