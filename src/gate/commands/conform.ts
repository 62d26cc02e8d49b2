import { apiUrlOption, CliError, CREDENTIAL_OPTIONS, UsageError, type Values } from "../../cli/index.js";
import { redactUrl, writeFileAtomic } from "../../common/index.js";
import {
  type ConformRun,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  DEFAULT_TIMEOUT_SECONDS,
  PROPERTY_NAMES,
  QUICK_RUNS,
} from "../../conform/index.js";
import { command } from "../command.js";

/** fast-check takes a 32-bit seed. */
const MAX_SEED = 2 ** 31 - 1;

function seedOf(options: Values): number {
  if (options.seed === undefined) return DEFAULT_SEED;
  const text = String(options.seed);
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > MAX_SEED) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${text}"`);
  }
  return seed;
}

/** The command that replays this run, for a failure's last line; a password in the URL is not repeated. */
function replayLine(options: Values, runs: number): string {
  const mode = options["schema-only"] === true ? " --schema-only" : "";
  const clock = options["real-clock"] === true ? " --real-clock" : "";
  return `throughput-gate conform --api-url ${redactUrl(String(options["api-url"]))} --runs ${runs}${mode}${clock}`;
}

export const conform = command({
  name: "conform",
  summary:
    "Check an implementation of the throughput-policy API against the contract, the policy engine and its invariants. Exit 0 all passed, 1 a property failed, 2 usage.",
  args: [],
  options: [
    apiUrlOption("the API under test, e.g. a twin's URL as twin serve prints it"),
    ...CREDENTIAL_OPTIONS,
    {
      name: "seed",
      value: "text",
      placeholder: "N",
      description: `the seed of the random sequences (default ${DEFAULT_SEED})`,
    },
    {
      name: "runs",
      value: "count",
      placeholder: "N",
      description: `how many random sequences (default ${DEFAULT_RUNS}, ${QUICK_RUNS} with --quick)`,
    },
    { name: "quick", description: "fewer sequences, for a gate" },
    {
      name: "schema-only",
      description: "check only status codes and response schemas, as OpenAPI-only testers do",
    },
    {
      name: "real-clock",
      description: "without the twin's clock, run the time checks on the server's clock (takes seconds)",
    },
    {
      name: "only",
      value: "text",
      placeholder: "NAME",
      many: true,
      choices: PROPERTY_NAMES,
      description: "check only these properties",
    },
    {
      name: "timeout",
      value: "timeout",
      placeholder: "S",
      default: String(DEFAULT_TIMEOUT_SECONDS),
      description: "give up on a call after this many seconds, its answer's body included",
    },
    {
      name: "json",
      value: "file",
      placeholder: "FILE",
      description: "also write the report as JSON to FILE",
    },
  ],
  async run({ options }) {
    const { ConformFailure, closingLine, jsonReport, resultLines, runConformance, TransportError } =
      await import("../../conform/index.js");
    const apiUrl = options["api-url"];
    if (typeof apiUrl !== "string") {
      throw new UsageError("no API to check: pass --api-url URL or export NEMESIS_API_URL");
    }
    const runs =
      options.runs === undefined
        ? options.quick === true
          ? QUICK_RUNS
          : DEFAULT_RUNS
        : Number(options.runs);
    const replay = replayLine(options, runs);
    let run: ConformRun;
    try {
      run = await runConformance({
        apiUrl,
        credentials: {
          user: String(options.user),
          password: String(options.password),
          token: typeof options.token === "string" ? options.token : undefined,
        },
        seed: seedOf(options),
        runs,
        mode: options["schema-only"] === true ? "schema-only" : "full",
        quick: options.quick === true,
        realClock: options["real-clock"] === true,
        only: options.only ?? [],
        timeoutSeconds: Number(options.timeout),
        onResult: (result) => console.log(resultLines(result, replay).join("\n")),
      });
    } catch (err) {
      if (err instanceof TransportError || err instanceof ConformFailure) throw new CliError(err.message, 1);
      throw err;
    }
    console.log(closingLine(run));
    if (typeof options.json === "string") {
      writeFileAtomic(options.json, `${JSON.stringify(jsonReport(run), null, 2)}\n`);
    }
    return run.results.some((r) => r.outcome === "fail") ? 1 : 0;
  },
});
