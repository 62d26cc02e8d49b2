import { Agent, request } from "node:http";

export { median } from "./stats.js";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests in all: the load is bounded by count, not by time. */
  requests: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  requests_per_second: number;
}

function once(agent: Agent, url: URL, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
      res.on("error", () => resolve(false));
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** A bounded keep-alive GET load on loopback: `requests` calls, `concurrency` at a time. */
export async function loopbackLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let issued = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (issued < options.requests) {
      issued += 1;
      if (!(await once(agent, url, options.headers ?? {}))) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return { requests: options.requests, errors, seconds, requests_per_second: options.requests / seconds };
}
