import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { status } from "../../src/ctl/commands/status.js";
import type { ApiClient, RunContext } from "../../src/ctl/index.js";
import { builtBin } from "../cli.js";
import { tp, twin } from "./helpers.js";

/** Runs `status --watch` in the process with a fake API and a clock the test sets, until `frames` are written. */
async function watchInProcess(frames: number, json: boolean) {
  const written: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let version = 0;
  const client: ApiClient = {
    apiUrl: "http://127.0.0.1:9/api",
    get: async <T>() => ({ status: 200, etag: null, body: { version: ++version } as T }),
    send: async () => {
      throw new Error("status sends nothing");
    },
  };
  const times = ["2026-03-01T10:00:00.250Z", "2026-03-01T10:00:01.900Z"];
  const ctx: RunContext = {
    json,
    out: {
      color: false,
      isTTY: false,
      write: (text) => {
        written.push(text);
        if (written.filter((w) => w !== "\n").length >= frames) stop();
      },
    },
    version: "0.0.0",
    env: {},
    now: () => new Date(times[version - 1] ?? "2026-03-01T10:59:59Z"),
    client: async () => client,
    stopped,
  };
  expect(await status.run({ args: {}, options: { watch: 1 } }, ctx)).toBe(0);
  return written.join("");
}

describe("status --watch --json: NDJSON, one compact line a read, stamped by the CLI's clock", () => {
  it("each frame is one line holding read_at and the status as read", async () => {
    const out = await watchInProcess(2, true);
    expect(out).toBe(
      [
        '{"read_at":"2026-03-01T10:00:00Z","status":{"version":1}}',
        '{"read_at":"2026-03-01T10:00:01Z","status":{"version":2}}',
        "",
      ].join("\n"),
    );
  });

  it("against the twin: every line parses on its own and carries the status", async () => {
    const t = await twin();
    const proc = execa("node", [builtBin("ctl/main.cjs"), ...tp("status", "--watch", "1", "--json")], {
      reject: false,
      env: { NEMESIS_API_URL: t.url, NO_COLOR: "1" },
    });
    let text = "";
    await new Promise<void>((resolve) => {
      proc.stdout?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.split("\n").length > 2) resolve();
      });
    });
    proc.kill("SIGINT");
    expect((await proc).exitCode).toBe(0);
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const frame = JSON.parse(line) as { read_at: string; status: { summary: string } };
      expect(Object.keys(frame)).toEqual(["read_at", "status"]);
      expect(frame.read_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(frame.status.summary).toMatch(/^policy /);
    }
  });

  it("text frames start with the time they were read", async () => {
    const t = await twin();
    const proc = execa("node", [builtBin("ctl/main.cjs"), ...tp("status", "--watch", "1")], {
      reject: false,
      env: { NEMESIS_API_URL: t.url, NO_COLOR: "1" },
    });
    let text = "";
    await new Promise<void>((resolve) => {
      proc.stdout?.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if ((text.match(/^read at /gm) ?? []).length >= 2) resolve();
      });
    });
    proc.kill("SIGINT");
    await proc;
    expect(text).toMatch(/^read at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\npolicy /);
    expect(text).toMatch(/\n\nread at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\npolicy /);
  });
});
