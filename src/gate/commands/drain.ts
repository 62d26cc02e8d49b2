import { parseArgs } from "node:util";
import {
  catalogNames,
  type DrainRun,
  drainLive,
  drainOnTwin,
  drainTable,
  loadProfileFile,
  type PolicyChoice,
} from "../../drain/index.js";
import { writeAtomically } from "../../evidence/index.js";
import { DEFAULT_CATALOG_PATH, loadCatalogFile } from "../../policy/index.js";
import { startTwin } from "../../twin/index.js";
import { type GateCommand, UsageError } from "./command.js";

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n <= 0)
    throw new UsageError(`${flag} must be a whole number above 0, got "${text}"`);
  return n;
}

/** One run on a fresh twin, so runs never see each other's state. */
async function onFreshTwin(
  profile: Parameters<typeof drainOnTwin>[1],
  choice: PolicyChoice,
  interval: number,
) {
  const twin = await startTwin();
  try {
    return await drainOnTwin({ url: twin.url }, profile, choice, interval);
  } finally {
    await twin.close();
  }
}

export const drain: GateCommand = {
  path: ["drain"],
  usage:
    "throughput-gate drain --profile FILE [--preset NAME | --policy-off | --compare] [--seed N] [--api-url URL [--interval S] [--duration S]] [--json]",
  summary:
    "Replay a stress profile through the API and report queue-drain KPIs. Exit 0 ok, 1 run failed, 2 usage.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        profile: { type: "string" },
        preset: { type: "string" },
        "policy-off": { type: "boolean" },
        compare: { type: "boolean" },
        seed: { type: "string" },
        "api-url": { type: "string" },
        interval: { type: "string" },
        duration: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.profile) throw new UsageError("--profile FILE is required");
    const chosen = [
      values.preset !== undefined,
      values["policy-off"] === true,
      values.compare === true,
    ].filter(Boolean);
    if (chosen.length > 1) throw new UsageError("use one of --preset, --policy-off and --compare");
    const profile = loadProfileFile(values.profile, catalogNames(DEFAULT_CATALOG_PATH));
    if (values.seed !== undefined) profile.seed = positive(values.seed, "--seed", 0);
    const presets = loadCatalogFile().presets.map((p) => p.name);
    if (values.preset !== undefined && !presets.includes(values.preset)) {
      throw new UsageError(`unknown preset "${values.preset}" (known: ${presets.join(", ")})`);
    }
    const interval = positive(values.interval, "--interval", 10);

    let runs: DrainRun[];
    if (values["api-url"] !== undefined) {
      if (!/^https?:\/\//.test(values["api-url"])) throw new UsageError(`--api-url must be an http(s) URL`);
      const target = {
        url: values["api-url"],
        user: process.env.NEMESIS_API_USER,
        password: process.env.NEMESIS_API_PASSWORD,
        token: process.env.NEMESIS_API_TOKEN,
      };
      runs = [
        await drainLive(target, profile, {
          intervalSeconds: interval,
          durationSeconds: positive(values.duration, "--duration", 600),
        }),
      ];
    } else {
      const choices: PolicyChoice[] = values.compare
        ? [{ off: true }, ...presets.map((preset) => ({ preset }))]
        : [values["policy-off"] ? { off: true } : { preset: values.preset ?? "balanced" }];
      runs = [];
      for (const choice of choices) runs.push(await onFreshTwin(profile, choice, interval));
    }

    if (values.compare && !values.json) {
      // --compare gives the table here and the JSON beside it, for the record.
      writeAtomically("evidence/out/drain-compare.json", `${JSON.stringify({ runs }, null, 2)}\n`);
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ runs }, null, 2)}\n`);
    } else {
      const digest = runs.map((r) => `${r.policy}: trace ${r.trace_sha256 ?? "-"}`).join("\n");
      const saved = values.compare ? "JSON: evidence/out/drain-compare.json\n" : "";
      const head = `profile ${profile.name} (seed ${profile.seed}), ${runs[0]?.mode}`;
      process.stdout.write(`${head}\n${drainTable(runs)}\n${digest}\n${saved}`);
    }
    return 0;
  },
};
