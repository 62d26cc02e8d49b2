/**
 * `nemesis-ctl throughput status --json` from process start to exit, against a minimal `node -e` script making the
 * same request with fetch: the physical floor for a Node CLI. Runs alternate, against one twin, in one run.
 */
import { spawnSync } from "node:child_process";
import { execa } from "execa";
import { median } from "../../src/bench/index.js";

const FLOOR_SCRIPT = `
fetch(process.env.URL, { headers: { authorization: "Basic " + Buffer.from("n:n").toString("base64") } })
  .then((r) => r.text()).then((t) => process.stdout.write(t));
`;

export interface CtlStartup {
  runs: number;
  ctl_ms: number[];
  floor_ms: number[];
  ctl_median_ms: number;
  floor_median_ms: number;
  ratio: number;
  target_ratio: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export async function measureCtlStartup(runs = 21): Promise<CtlStartup> {
  const twin = execa("node", ["dist/gate/cli.js", "twin", "serve"], { reject: false });
  const url = await new Promise<string>((resolve, reject) => {
    twin.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    twin.once("exit", () => reject(new Error("twin exited before listening")));
  });
  try {
    const env = { ...process.env, NEMESIS_API_URL: url, URL: `${url}/workflows/throughput-policy/status` };
    const ctl = () => timed(["dist/ctl/main.js", "throughput", "status", "--json"], env);
    const floor = () => timed(["-e", FLOOR_SCRIPT], env);
    ctl();
    floor();
    const ctlMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      ctlMs.push(ctl());
      floorMs.push(floor());
    }
    const ctlMedian = median(ctlMs);
    const floorMedian = median(floorMs);
    return {
      runs,
      ctl_ms: ctlMs.map((m) => Number(m.toFixed(1))),
      floor_ms: floorMs.map((m) => Number(m.toFixed(1))),
      ctl_median_ms: Number(ctlMedian.toFixed(1)),
      floor_median_ms: Number(floorMedian.toFixed(1)),
      ratio: Number((ctlMedian / floorMedian).toFixed(3)),
      target_ratio: 1.5,
    };
  } finally {
    twin.kill("SIGTERM");
    await twin;
  }
}
