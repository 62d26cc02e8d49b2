/**
 * How fast each CLI answers, from process start to exit, against bare Node: `nemesis-ctl throughput status --json`
 * against one twin, and `--help` of both CLIs, each against `node -e 0`. With `NEMESIS_CTL_SH` naming the earlier
 * Bash client (a fork's `tools/nemesis-ctl.sh`), its `throughput-policy prod --policy-status` against the same twin
 * too. The commands run in turn, round after round, so a busy moment hits them all alike; ratios are of medians
 * measured in this one run.
 */
import { spawnSync } from "node:child_process";
import { execa } from "execa";
import { median } from "../../src/bench/index.js";

export interface Startup {
  rounds: number;
  median_ms: Record<string, number>;
  ratios: {
    ctl_status_to_node: number;
    /** The same for the floor: a bare node:http GET in a CommonJS script, as the bins are, which no CLI on node:http can beat. */
    floor_to_node: number;
    /** The same for the same GET written by hand on a bare TCP socket: below it, only Node itself. */
    tcp_floor_to_node: number;
    ctl_status_to_floor: number;
    ctl_status_to_bash_client: number | null;
    ctl_help_to_node: number;
    gate_help_to_node: number;
  };
  targets: { ctl_status_to_node: number; ctl_status_to_bash_client: number; help_to_node: number };
  bash_client: string | null;
}

interface Timed {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function timed(run: Timed): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(run.command, run.args, { env: run.env ?? process.env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${run.name} exited ${result.status}: ${result.stderr}`);
  return ms;
}

async function twinUrl(twin: ReturnType<typeof execa>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    twin.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    twin.once("exit", () => reject(new Error("twin exited before listening")));
  });
}

const FLOOR = "floor: node:http GET";
const TCP_FLOOR = "floor: GET by hand on a TCP socket";

const round3 = (n: number) => Number(n.toFixed(3));

/**
 * The floor of any Node CLI that reads the status: a CommonJS script (as both bins are) that makes the same GET with
 * node:http and prints the body, nothing else. What nemesis-ctl costs above it is its own.
 */
const FLOOR_SCRIPT = `const http = require("node:http");
const auth = "Basic " + Buffer.from("n:n").toString("base64");
http.get(process.env.STATUS_URL, { headers: { authorization: auth } }, (res) => {
  let body = "";
  res.on("data", (chunk) => { body += chunk; });
  res.on("end", () => process.stdout.write(body));
});
`;

/**
 * Below the floor: the same GET written by hand on a TCP socket, with no HTTP client to load, no chunked bodies, no
 * timeout and no TLS. What a CLI could gain by giving up node:http is the difference between the two floors.
 */
const TCP_FLOOR_SCRIPT = `const net = require("node:net");
const url = new URL(process.env.STATUS_URL);
const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
  socket.write("GET " + url.pathname + " HTTP/1.1\\r\\nHost: " + url.host + "\\r\\nAuthorization: Basic bjpu\\r\\nConnection: close\\r\\n\\r\\n");
});
let answer = "";
socket.on("data", (chunk) => { answer += chunk; });
socket.on("end", () => process.stdout.write(answer.slice(answer.indexOf("\\r\\n\\r\\n") + 4)));
`;

export async function measureStartup(rounds = 21): Promise<Startup> {
  const twin = execa("node", ["dist/gate/cli.js", "twin", "serve"], { reject: false });
  const url = await twinUrl(twin);
  const bash = process.env.NEMESIS_CTL_SH ?? null;
  const statusUrl = { ...process.env, STATUS_URL: `${url}/workflows/throughput-policy/status` };
  try {
    const runs: Timed[] = [
      { name: "node -e 0", command: process.execPath, args: ["-e", "0"] },
      {
        name: "nemesis-ctl throughput status --json",
        command: process.execPath,
        args: ["dist/ctl/main.cjs", "throughput", "status", "--json"],
        env: { ...process.env, NEMESIS_API_URL: url },
      },
      { name: FLOOR, command: process.execPath, args: ["-e", FLOOR_SCRIPT], env: statusUrl },
      { name: TCP_FLOOR, command: process.execPath, args: ["-e", TCP_FLOOR_SCRIPT], env: statusUrl },
      { name: "nemesis-ctl --help", command: process.execPath, args: ["dist/ctl/main.cjs", "--help"] },
      { name: "throughput-gate --help", command: process.execPath, args: ["dist/gate/cli.cjs", "--help"] },
      ...(bash
        ? [
            {
              name: "nemesis-ctl.sh throughput-policy prod --policy-status",
              command: "bash",
              args: [bash, "throughput-policy", "prod", "--policy-status"],
              env: { ...process.env, NEMESIS_API_BASE_URL: url },
            },
          ]
        : []),
    ];
    for (const run of runs) timed(run);
    const samples = new Map(runs.map((r) => [r.name, [] as number[]]));
    for (let i = 0; i < rounds; i++) for (const run of runs) samples.get(run.name)?.push(timed(run));
    const med = Object.fromEntries([...samples].map(([name, ms]) => [name, Number(median(ms).toFixed(1))]));
    const of = (name: string) => med[name] ?? Number.NaN;
    const node = of("node -e 0");
    const status = of("nemesis-ctl throughput status --json");
    return {
      rounds,
      median_ms: med,
      ratios: {
        ctl_status_to_node: round3(status / node),
        floor_to_node: round3(of(FLOOR) / node),
        tcp_floor_to_node: round3(of(TCP_FLOOR) / node),
        ctl_status_to_floor: round3(status / of(FLOOR)),
        ctl_status_to_bash_client: bash
          ? round3(status / of("nemesis-ctl.sh throughput-policy prod --policy-status"))
          : null,
        ctl_help_to_node: round3(of("nemesis-ctl --help") / node),
        gate_help_to_node: round3(of("throughput-gate --help") / node),
      },
      targets: { ctl_status_to_node: 1.25, ctl_status_to_bash_client: 0.5, help_to_node: 1.15 },
      bash_client: bash,
    };
  } finally {
    twin.kill("SIGTERM");
    await twin;
  }
}

/** `npm run bench:startup`: the start-up ratios and the cast count alone, written to evidence/out/bench-startup.json. */
if (process.argv[1]?.endsWith("startup.ts")) {
  const { mkdir, rename, writeFile } = await import("node:fs/promises");
  const { countCasts } = await import("./casts.js");
  const casts = countCasts();
  const report = { startup: await measureStartup(), casts: { total: casts.total, target: casts.target } };
  await mkdir("evidence/out", { recursive: true });
  await writeFile("evidence/out/bench-startup.json.tmp", `${JSON.stringify(report, null, 2)}\n`);
  await rename("evidence/out/bench-startup.json.tmp", "evidence/out/bench-startup.json");
  console.log(JSON.stringify(report, null, 2));
}
