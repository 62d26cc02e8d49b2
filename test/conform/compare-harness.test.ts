import { describe, expect, it } from "vitest";
import type { CompareResult } from "../../gates/conform/result.js";
import { markdownTable } from "../../gates/conform/table.js";
import { requestCount, TRAFFIC } from "../../gates/conform/traffic.js";
import { scenarioFor, twinServeArgs } from "../../gates/conform/twin.js";
import {
  conformViolations,
  dreddViolations,
  type ProxiedExchange,
  prismLogViolations,
  prismViolations,
  verdictOf,
} from "../../gates/conform/verdict.js";

const exchange = (over: Partial<ProxiedExchange>): ProxiedExchange => ({
  step: "status",
  breaksContract: false,
  status: 200,
  headers: { "content-type": "application/json" },
  body: "{}",
  ...over,
});

const RESPONSE_VIOLATION = {
  location: ["response", "body", "summary"],
  severity: "Error",
  code: "type",
  message: "Response body property summary must be string",
};

describe("Prism's output as violations", () => {
  it("reads a --errors problem+json's validation list", () => {
    const found = prismViolations(
      exchange({
        status: 500,
        headers: { "content-type": "application/problem+json" },
        body: JSON.stringify({
          type: "https://stoplight.io/prism/errors#VIOLATIONS",
          title: "Request/Response not valid",
          validation: [RESPONSE_VIOLATION],
        }),
      }),
    );
    expect(found).toEqual([
      {
        side: "response",
        where: "status",
        message: "response.body.summary Response body property summary must be string",
        expected: false,
      },
    ]);
  });

  it("reads the sl-violations header when the answer passed through", () => {
    const found = prismViolations(
      exchange({ headers: { "sl-violations": JSON.stringify([RESPONSE_VIOLATION]) } }),
    );
    expect(found.map((v) => v.side)).toEqual(["response"]);
  });

  it("takes Prism's own refusal of a request that breaks the contract on purpose as expected", () => {
    const refusal = exchange({
      step: "status without credentials",
      breaksContract: true,
      status: 401,
      headers: { "content-type": "application/problem+json" },
      body: JSON.stringify({
        type: "https://stoplight.io/prism/errors#UNAUTHORIZED",
        title: "Invalid security scheme used",
      }),
    });
    expect(prismViolations(refusal)).toEqual([
      {
        side: "request",
        where: "status without credentials",
        message: "UNAUTHORIZED: Invalid security scheme used",
        expected: true,
      },
    ]);
  });

  it("finds nothing in the twin's own error answers", () => {
    const twinError = exchange({
      status: 422,
      body: JSON.stringify({ error: { code: "unknown_preset", message: "unknown", field: "preset" } }),
    });
    expect(prismViolations(twinError)).toEqual([]);
  });

  it("picks the Violation lines out of a coloured log", () => {
    const log =
      "[9:52:32 AM] › [PROXY] ℹ  info  < Received forward response\n" +
      "[9:52:32 AM] ›     [VALIDATOR] \u001b[31m✖  error\u001b[39m     Violation: response.body.summary must be string\n";
    expect(prismLogViolations(log)).toEqual(["response.body.summary must be string"]);
  });
});

describe("the verdict rule", () => {
  it("counts a response violation as caught and names it first", () => {
    const verdict = verdictOf([
      { side: "request", where: "no credentials", message: "UNAUTHORIZED", expected: true },
      {
        side: "response",
        where: "status #2",
        message: "response.body.version must be integer",
        expected: false,
      },
    ]);
    expect(verdict).toEqual({
      caught: true,
      first: "status #2: response response.body.version must be integer",
      counted: 1,
      expected: 1,
    });
  });

  it("does not count violations the traffic provoked on purpose", () => {
    const verdict = verdictOf([{ side: "request", where: "bad TTL", message: "type", expected: true }]);
    expect(verdict.caught).toBe(false);
    expect(verdict.first).toBeNull();
  });

  it("counts a request violation on a request the contract allows: the tool or the traffic is wrong", () => {
    expect(verdictOf([{ side: "request", where: "x", message: "m", expected: false }]).caught).toBe(true);
  });
});

describe("Dredd's output as violations", () => {
  it("reads the first reason of each failed transaction", () => {
    const output = [
      "fail: GET (200) /queues duration: 14ms",
      "info: Displaying failed tests...",
      "fail: GET (200) /workflows/throughput-policy/status duration: 372ms",
      "fail: headers: At '/content-type' No enum match for: \"application/json; charset=utf-8\"",
      "body: At '/override' Invalid type: null (expected array)",
      "",
      "request: ",
      "fail: GET (401) /queues duration: 12ms",
      "fail: Status code is '200' instead of '401'",
      "complete: 0 passing, 2 failing, 0 errors, 0 skipped, 2 total",
    ].join("\n");
    expect(dreddViolations(output)).toEqual([
      {
        side: "response",
        where: "GET (200) /workflows/throughput-policy/status",
        message: "headers: At '/content-type' No enum match for: \"application/json; charset=utf-8\"",
        expected: false,
      },
      {
        side: "response",
        where: "GET (401) /queues",
        message: "Status code is '200' instead of '401'",
        expected: false,
      },
    ]);
  });

  it("finds nothing when every test passed", () => {
    expect(dreddViolations("pass: GET (200) /queues duration: 3ms\ncomplete: 1 passing")).toEqual([]);
  });
});

describe("conform's exit code and report as violations", () => {
  it("is clean on exit 0 and names failed properties on exit 1", () => {
    expect(conformViolations(0, undefined)).toEqual([]);
    const found = conformViolations(1, {
      properties: [
        { name: "status-read-is-read-only", outcome: "fail", reason: "version moved 1 -> 2" },
        { name: "bad-input-missing-auth", outcome: "pass", reason: null },
      ],
    });
    expect(found.map((v) => `${v.where}: ${v.message}`)).toEqual([
      "status-read-is-read-only: version moved 1 -> 2",
    ]);
  });

  it("falls back to the exit code when the report has another shape", () => {
    expect(verdictOf(conformViolations(1, undefined)).first).toBe("conform: response a property failed");
  });
});

describe("the markdown table", () => {
  const result: CompareResult = {
    contract: "contract/nemesis-api.openapi.json",
    traffic_steps: 51,
    tools: [
      { name: "prism", version: "5.14.2", runnable: true, reason: null, seconds: 12.34 },
      { name: "dredd", version: "14.1.0", runnable: true, reason: null, seconds: 20 },
      { name: "conform", version: null, runnable: false, reason: 'unknown command "conform"', seconds: 0 },
    ],
    rows: [
      {
        target: "healthy",
        defect: null,
        cells: {
          prism: { status: "missed", detail: null, counted: 0, expected: 4, seconds: 6 },
          dredd: {
            status: "caught",
            detail: "GET (200) /queues: response | bad",
            counted: 3,
            expected: 0,
            seconds: 10,
          },
        },
      },
      {
        target: "status_read_mutates",
        defect: "status_read_mutates",
        cells: {
          prism: { status: "caught", detail: "x", counted: 1, expected: 4, seconds: 6.34 },
          dredd: {
            status: "error",
            detail: "dredd exited 2",
            counted: 0,
            expected: 0,
            seconds: 10,
            differs_from_healthy: null,
          },
        },
      },
    ],
  };

  it("lays out defects and the control as rows and tools as columns, with times and notes", () => {
    expect(markdownTable(result)).toBe(
      [
        "| twin | prism 5.14.2 | dredd 14.1.0 | conform |",
        "| --- | :---: | :---: | :---: |",
        "| healthy (control: ✓ = false alarm) | – | ✓ | n/a |",
        "| `status_read_mutates` | ✓ | error | n/a |",
        "| wall time | 12.3 s | 20.0 s | – |",
        "",
        "- dredd: false alarm on the healthy twin: GET (200) /queues: response \\| bad",
        "- dredd: its findings are the same on every defect as on the healthy twin, so no ✓ of it tells a defect apart",
        "- dredd on status_read_mutates: dredd exited 2",
        '- conform: cannot run: unknown command "conform"',
      ].join("\n"),
    );
  });
});

describe("the fixed traffic and the scenarios", () => {
  it("reaches every path of the contract and sends the concurrent creates", async () => {
    const { readFileSync } = await import("node:fs");
    const contract = JSON.parse(readFileSync("contract/nemesis-api.openapi.json", "utf8")) as {
      paths: Record<string, unknown>;
    };
    const reached = new Set(TRAFFIC.flatMap((s) => (s.kind === "api" ? [s.path] : [])));
    expect([...Object.keys(contract.paths)].filter((p) => !reached.has(p))).toEqual([]);
    expect(TRAFFIC.some((s) => s.kind === "api" && s.concurrent === 8)).toBe(true);
    expect(requestCount()).toBeGreaterThan(TRAFFIC.filter((s) => s.kind === "api").length);
  });

  it("differs between targets only in the defect switched on", () => {
    const healthy = { name: "healthy", defect: null };
    const broken = { name: "x", defect: "status_read_mutates" };
    const { name: _healthyName, ...quiet } = scenarioFor(healthy);
    const { name: _brokenName, ...same } = scenarioFor(broken);
    expect(same).toEqual(quiet);
    expect(twinServeArgs("s.json", healthy)).not.toContain("--defect");
    expect(twinServeArgs("s.json", broken)).toEqual([
      ...twinServeArgs("s.json", healthy),
      "--defect",
      "status_read_mutates",
    ]);
  });
});
