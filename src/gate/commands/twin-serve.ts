import { parseArgs } from "node:util";
import { type Credentials, loadScenarioFile, startTwin } from "../../twin/index.js";
import { type GateCommand, UsageError } from "./command.js";

function credentialsFrom(values: { user?: string; password?: string; token?: string }): Partial<Credentials> {
  if (values.token !== undefined && (values.user !== undefined || values.password !== undefined)) {
    throw new UsageError("use either --user and --password, or --token, not both");
  }
  if (values.token !== undefined) return { users: {}, tokens: { [values.token]: "token" } };
  if ((values.user === undefined) !== (values.password === undefined)) {
    throw new UsageError("--user and --password go together");
  }
  return values.user === undefined ? {} : { users: { [values.user]: values.password ?? "" } };
}

function portFrom(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port must be 0-65535, got "${text}"`);
  return port;
}

export const twinServe: GateCommand = {
  path: ["twin", "serve"],
  usage: "throughput-gate twin serve [--port N] [--scenario FILE] [--user U --password P | --token T]",
  summary: "Serve the Nemesis API twin on 127.0.0.1 until SIGINT or SIGTERM.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        scenario: { type: "string" },
        user: { type: "string" },
        password: { type: "string" },
        token: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    });
    const scenario = values.scenario === undefined ? undefined : loadScenarioFile(values.scenario);
    const twin = await startTwin({
      port: portFrom(values.port),
      scenario,
      credentials: credentialsFrom(values),
    });
    // Listen for the signals before announcing the URL: a supervisor may stop us the moment it reads it.
    const stopped = new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    console.log(`twin listening on ${twin.url}`);
    await stopped;
    await twin.close();
    return 0;
  },
};
