import { describe, expect, it } from "vitest";
import { type ApiTarget, drainLive, parseProfile } from "../../src/drain/index.js";
import { endless, type Handler, hostile, stalled } from "../ctl/hostile-server.js";
import { profile } from "./helpers.js";

interface Case {
  name: string;
  server: Handler;
  target?: Partial<ApiTarget>;
  error: RegExp;
}

/** One row per hostile API: the drain collector gives up with a DrainError naming why, and soon. */
const CASES: Case[] = [
  { name: "a 1 GB body is cut off at 8 MB", server: endless(), error: /larger than 8 MB/ },
  {
    name: "a body that never finishes times out",
    server: stalled,
    target: { timeoutSeconds: 0.3 },
    error: /GET \/api\/workflows\/throughput-policy\/presets: no complete answer within 0.3s/,
  },
  {
    name: "headers that never come time out",
    server: () => {},
    target: { timeoutSeconds: 0.3 },
    error: /no complete answer within 0.3s/,
  },
];

describe("the drain collector against a hostile API", () => {
  it.each(CASES)("$name", async (c) => {
    const url = await hostile(c.server);
    const run = drainLive({ url, ...c.target }, profile("idle"), { intervalSeconds: 1, durationSeconds: 1 });
    await expect(run).rejects.toMatchObject({ name: "DrainError", message: expect.stringMatching(c.error) });
  });
});

const PROFILE_CASES: [string, Record<string, unknown>, RegExp][] = [
  [
    "rate_per_second 1e12",
    { pattern: "steady", rate_per_second: 1e12, duration_seconds: 60 },
    /\$\.arrivals\[0\]\.rate_per_second: must be <= 1000/,
  ],
  [
    "a steady stream past the job limit",
    { pattern: "steady", rate_per_second: 500, duration_seconds: 3600 },
    /\$\.arrivals\[0\]\.rate_per_second: the arrivals expect about 1800000 jobs; the limit is 100000/,
  ],
];

describe("drain --profile refuses a profile that would overwhelm the twin", () => {
  it.each(PROFILE_CASES)("%s", (_name, arrival, error) => {
    const raw = { ...profile("idle"), arrivals: [{ queue: "new_file", ...arrival }] };
    expect(() => parseProfile(raw, "hostile.json")).toThrow(error);
  });
});
