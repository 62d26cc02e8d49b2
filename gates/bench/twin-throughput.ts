/**
 * GET status throughput of the twin, against a bare node:http server that answers the twin's own body with the
 * twin's own headers: the floor any Node HTTP server pays. Both run as real processes; rounds alternate so drift
 * hits both.
 */
import { execa, type ResultPromise } from "execa";
import { loopbackLoad, median } from "../../src/bench/index.js";

const AUTH = { authorization: `Basic ${Buffer.from("n:n").toString("base64")}` };
const STATUS = "/workflows/throughput-policy/status";

// Date is left to Node, as the twin would leave it, so that both pay for it or neither does.
const BARE_SERVER = `
const body = process.env.BODY;
const { date, ...headers } = JSON.parse(process.env.HEADERS);
require("node:http").createServer((req, res) => {
  res.sendDate = date !== undefined;
  res.writeHead(200, headers);
  res.end(body);
}).listen(0, "127.0.0.1", function () { console.log("twin listening on http://127.0.0.1:" + this.address().port + "/api"); });
`;

/** Framing Node writes for itself on a kept-alive connection; every other header the bare server repeats. */
const FRAMING = new Set(["connection", "keep-alive", "transfer-encoding"]);

async function answerOf(url: string): Promise<{ body: string; headers: Record<string, string> }> {
  const response = await fetch(url, { headers: AUTH });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !FRAMING.has(name)));
  return { body: await response.text(), headers };
}

/** CPU seconds a process has used so far (Linux /proc; clock ticks of 1/100 s). */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function listening(proc: ResultPromise): Promise<string> {
  return new Promise((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
    proc.once("exit", () => reject(new Error("server exited before listening")));
  });
}

/** A floor measured on a different answer would compare unlike things. */
async function sameAnswer(bareUrl: string, body: string, headers: Record<string, string>): Promise<void> {
  const bare = await answerOf(bareUrl);
  const names = (h: Record<string, string>) => Object.keys(h).sort().join(", ");
  if (bare.body !== body) throw new Error("the bare server's body differs from the twin's");
  if (names(bare.headers) !== names(headers))
    throw new Error(`the bare server sends headers ${names(bare.headers)}; the twin sends ${names(headers)}`);
}

export interface TwinThroughput {
  body_bytes: number;
  rounds: number;
  /** Unmeasured rounds first, each side in turn. */
  warmup_rounds: number;
  requests_per_round: number;
  concurrency: number;
  twin_rps: number[];
  bare_rps: number[];
  twin_median_rps: number;
  bare_median_rps: number;
  /** Server CPU per request, from /proc: shows the cost even when the load generator is the bottleneck. */
  twin_cpu_us_per_request: number;
  bare_cpu_us_per_request: number;
  ratio: number;
  target_ratio: number;
}

export async function measureTwinThroughput(
  rounds = 5,
  requests = 4000,
  concurrency = 8,
  warmupRounds = 3,
): Promise<TwinThroughput> {
  const twin = execa("node", ["dist/gate/cli.js", "twin", "serve"], { reject: false });
  const twinUrl = `${await listening(twin)}${STATUS}`;
  const { body, headers } = await answerOf(twinUrl);
  const bare = execa("node", ["-e", BARE_SERVER], {
    env: { BODY: body, HEADERS: JSON.stringify(headers) },
    reject: false,
  });
  const bareUrl = `${await listening(bare)}${STATUS}`;
  try {
    await sameAnswer(bareUrl, body, headers);
    const load = (url: string) => loopbackLoad({ url, headers: AUTH, concurrency, requests });
    // Warm-up, alternating too. After a single round both sides' first measured round still ran well below the
    // rest, the twin's the most: it runs far more code per request, and takes longer to reach its steady rate.
    for (let round = 0; round < warmupRounds; round++) {
      await load(twinUrl);
      await load(bareUrl);
    }
    const twinRps: number[] = [];
    const bareRps: number[] = [];
    const cpu = { twin: 0, bare: 0 };
    const measured = async (url: string, pid: number | undefined, key: "twin" | "bare") => {
      const before = await cpuSeconds(pid);
      const result = await load(url);
      cpu[key] += (await cpuSeconds(pid)) - before;
      if (result.errors > 0)
        throw new Error(`${key}: ${result.errors} of ${result.requests} requests failed`);
      return result.requests_per_second;
    };
    // The side measured first in a round runs on a machine the other has just left; taking turns at going first
    // gives neither that place every time.
    for (let round = 0; round < rounds; round++) {
      const twinRound = () => measured(twinUrl, twin.pid, "twin");
      const bareRound = () => measured(bareUrl, bare.pid, "bare");
      if (round % 2 === 0) {
        twinRps.push(await twinRound());
        bareRps.push(await bareRound());
      } else {
        bareRps.push(await bareRound());
        twinRps.push(await twinRound());
      }
    }
    const twinMedian = median(twinRps);
    const bareMedian = median(bareRps);
    return {
      body_bytes: Buffer.byteLength(body),
      rounds,
      warmup_rounds: warmupRounds,
      requests_per_round: requests,
      concurrency,
      twin_rps: twinRps.map(Math.round),
      bare_rps: bareRps.map(Math.round),
      twin_median_rps: Math.round(twinMedian),
      bare_median_rps: Math.round(bareMedian),
      twin_cpu_us_per_request: Math.round((cpu.twin / (rounds * requests)) * 1e6),
      bare_cpu_us_per_request: Math.round((cpu.bare / (rounds * requests)) * 1e6),
      ratio: Number((twinMedian / bareMedian).toFixed(3)),
      target_ratio: 0.85,
    };
  } finally {
    twin.kill("SIGTERM");
    bare.kill("SIGTERM");
    await Promise.allSettled([twin, bare]);
  }
}
