import { didYouMean, UsageError } from "../../cli/index.js";
import { type Credentials, DEFAULT_SCENARIO, DEFECT_TABLE, DEFECTS, type Defect } from "../../twin/index.js";
import { command } from "../command.js";

/** The credentials the twin accepts: the options declare that Basic ones come as a pair and never with a token. */
function credentialsFrom(options: {
  user?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
}): Partial<Credentials> {
  const { user, password, token } = options;
  if (token !== undefined) return { users: {}, tokens: { [token]: "token" } };
  return user === undefined ? {} : { users: { [user]: password ?? "" } };
}

/** The names given with --defect, each a known defect; an unknown one is named with the nearest known one. */
function defectsFrom(named: readonly string[]): Defect[] {
  return named.map((name) => {
    const defect = DEFECTS.find((d) => d === name);
    if (defect === undefined) {
      const near = didYouMean(name, DEFECTS);
      throw new UsageError(`unknown defect "${name}"${near || `; defects: ${DEFECTS.join(", ")}`}`);
    }
    return defect;
  });
}

/** The defects help lists under --defect, one a line, from the table. */
const DEFECT_LIST = DEFECT_TABLE.map((d) => `\n${" ".repeat(27)}${d.name}: ${d.description}`).join("");

export const twinServe = command({
  name: "twin serve",
  summary: "Serve the Nemesis API twin on 127.0.0.1 until SIGINT or SIGTERM.",
  args: [],
  options: [
    {
      name: "port",
      value: "port",
      placeholder: "N",
      default: "0",
      description: "listen here; 0 picks a free port",
    },
    { name: "scenario", value: "file", placeholder: "FILE", description: "the scenario to serve" },
    {
      name: "user",
      value: "text",
      placeholder: "U",
      requires: ["password"],
      description: "accept this HTTP Basic user (with --password)",
    },
    {
      name: "password",
      value: "text",
      placeholder: "P",
      requires: ["user"],
      description: "the HTTP Basic password (with --user)",
    },
    {
      name: "token",
      value: "text",
      placeholder: "T",
      conflicts: ["user", "password"],
      description: "accept only this bearer token",
    },
    {
      name: "defect",
      value: "name",
      many: true,
      placeholder: "NAME",
      description: `play a known-bad deployment, besides the scenario's own defects; NAME is one of:${DEFECT_LIST}`,
    },
  ],
  async run({ options }) {
    const { loadScenarioFile, startTwin, withDefects } = await import("../../twin/index.js");
    const defects = defectsFrom(options.defect ?? []);
    const scenario = options.scenario === undefined ? undefined : loadScenarioFile(String(options.scenario));
    const twin = await startTwin({
      port: Number(options.port),
      scenario,
      defects,
      credentials: credentialsFrom(options),
    });
    const on = withDefects(scenario ?? DEFAULT_SCENARIO, defects).defects ?? [];
    // Listen for the signals before announcing the URL: a supervisor may stop us the moment it reads it.
    const stopped = new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    console.log(`twin listening on ${twin.url}`);
    console.log("to point nemesis-ctl and the twin commands at it, paste this into another shell:");
    console.log(`export NEMESIS_API_URL=${twin.url}`);
    if (on.length > 0) console.log(`defects on: ${on.join(", ")}`);
    await stopped;
    await twin.close();
    return 0;
  },
});
