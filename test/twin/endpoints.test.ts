import { describe, expect, it } from "vitest";
import { advance, call, POLICY, twin } from "./helpers.js";

describe("twin: every endpoint, happy path", () => {
  it("GET status answers the contract's status with an ETag", async () => {
    const t = await twin();
    const r = await call(t, "GET", `${POLICY}/status`);
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('"1"');
    expect(r.json).toMatchObject({
      base_preset: "balanced",
      active_preset: "balanced",
      version: 1,
      override: null,
    });
    expect(r.json.timestamp).toBe("2026-01-01T00:00:00Z");
    expect(r.headers.get("date")).toBeNull();
  });

  it("GET presets lists the catalog with every value", async () => {
    const t = await twin();
    const r = await call(t, "GET", `${POLICY}/presets`);
    expect(r.json.presets.map((p: { name: string }) => p.name)).toEqual([
      "conservative",
      "balanced",
      "aggressive",
    ]);
    expect(r.json.presets[2].classes.expensive).toEqual({ parallelism: 2, floor: 1 });
    expect(r.json).toMatchObject({
      known_good_preset: "balanced",
      max_override_ttl_seconds: 86_400,
      workers: 5,
    });
  });

  it("PUT preset sets the base, bumps the version and reports changed", async () => {
    const t = await twin();
    const r = await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "conservative", reason: "incident 42" },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ changed: true, status: { base_preset: "conservative", version: 2 } });
    expect(r.headers.get("etag")).toBe('"2"');
    const again = await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "conservative", reason: "again" },
    });
    expect(again.json).toMatchObject({ changed: false, status: { version: 2 } });
  });

  it("POST overrides creates, DELETE overrides/current clears", async () => {
    const t = await twin();
    const created = await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 1200, reason: "nightly import" },
    });
    expect(created.status).toBe(201);
    expect(created.json.status.override).toMatchObject({
      id: "ovr-1",
      preset: "aggressive",
      actor: "n",
      remaining_seconds: 1200,
      expires_at: "2026-01-01T00:20:00Z",
    });
    const cleared = await call(t, "DELETE", `${POLICY}/overrides/current`, {
      body: { reason: "done early" },
    });
    expect(cleared.json).toMatchObject({
      changed: true,
      status: { override: null, requested_preset: "balanced" },
    });
    const none = await call(t, "DELETE", `${POLICY}/overrides/current`, { body: { reason: "again" } });
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe("no_active_override");
  });

  it("POST revert returns before and after, and a second revert changes nothing", async () => {
    const t = await twin();
    await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "aggressive", reason: "try" } });
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "conservative", ttl_seconds: 600, reason: "x" },
    });
    const first = await call(t, "POST", `${POLICY}/revert`, { body: { reason: "rollback" } });
    expect(first.json.changed).toBe(true);
    expect(first.json.before).toMatchObject({ base_preset: "aggressive", requested_preset: "conservative" });
    expect(first.json.after).toMatchObject({ base_preset: "balanced", override: null, version: 4 });
    const second = await call(t, "POST", `${POLICY}/revert`, { body: { reason: "rollback" } });
    expect(second.json.changed).toBe(false);
    expect(second.json.after).toEqual(first.json.after);
    expect(second.json.before).toEqual(first.json.after);
    const to = await call(t, "POST", `${POLICY}/revert`, {
      body: { to_preset: "conservative", reason: "known good" },
    });
    expect(to.json.after.base_preset).toBe("conservative");
  });

  it("GET history records every mutation with actor and reason, oldest first", async () => {
    const t = await twin({ credentials: { users: { n: "n", alice: "pw" } } });
    await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "conservative", reason: "incident" },
      auth: "alice:pw",
    });
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 60, reason: "import" },
    });
    await advance(t, 120);
    await call(t, "POST", `${POLICY}/revert`, { body: { reason: "rollback" } });
    const r = await call(t, "GET", `${POLICY}/history`);
    expect(
      r.json.entries.map((e: Record<string, string>) => [e.action, e.actor, e.reason, e.from, e.to]),
    ).toEqual([
      ["set_preset", "alice", "incident", "balanced", "conservative"],
      ["override_created", "n", "import", "conservative", "aggressive"],
      ["override_expired", "system", "TTL of override ovr-1 ran out", "aggressive", "conservative"],
      ["revert", "n", "rollback", "conservative", "balanced"],
    ]);
    const recent = await call(t, "GET", `${POLICY}/history?since_seconds=30`);
    expect(recent.json.entries.map((e: { action: string }) => e.action)).toEqual(["revert"]);
  });

  it("GET queues reports telemetry per RabbitMQ queue", async () => {
    const t = await twin();
    const r = await call(t, "GET", "/api/queues");
    expect(r.json.queues.map((q: { name: string }) => q.name)).toEqual([
      "files-new_file",
      "files-document_conversion_input",
      "titus-titus_input",
    ]);
    expect(r.json.queues[0]).toMatchObject({ ready: 0, consumers: 5 });
  });
});

describe("twin: auth", () => {
  it.each([
    ["no credentials", null],
    ["a wrong password", "n:wrong"],
    ["an unknown user", "root:n"],
    ["an unknown token", "bearer nope"],
  ])("answers 401 to %s, on the API and on the twin's controls", async (_label, auth) => {
    const t = await twin();
    const r = await call(t, "GET", `${POLICY}/status`, { auth });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Basic realm="nemesis"');
    expect(r.json.error.code).toBe("unauthorized");
    expect((await call(t, "POST", "/__twin/clock/advance", { auth, body: { seconds: 5 } })).status).toBe(401);
  });

  it("accepts a configured bearer token and records its actor name", async () => {
    const t = await twin({ credentials: { tokens: { s3cret: "ci-bot" } } });
    await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "aggressive", reason: "ci" },
      auth: "bearer s3cret",
    });
    const history = await call(t, "GET", `${POLICY}/history`);
    expect(history.json.entries[0].actor).toBe("ci-bot");
    const log = await call(t, "GET", "/__twin/requests");
    expect(JSON.stringify(log.json)).not.toContain("s3cret");
  });
});

describe("twin: bad input gets 400 or 422 with the JSON error body", () => {
  const override = (body: unknown) => ["POST", `${POLICY}/overrides`, body] as const;
  it.each([
    [
      "an unknown preset (set)",
      "PUT",
      `${POLICY}/preset`,
      { preset: "turbo", reason: "x" },
      422,
      "unknown_preset",
      "preset",
    ],
    [
      "an unknown preset (override)",
      ...override({ preset: "turbo", ttl_seconds: 60, reason: "x" }),
      422,
      "unknown_preset",
      "preset",
    ],
    [
      "an unknown preset (revert)",
      "POST",
      `${POLICY}/revert`,
      { to_preset: "turbo", reason: "x" },
      422,
      "unknown_preset",
      "to_preset",
    ],
    [
      "a TTL of 0",
      ...override({ preset: "aggressive", ttl_seconds: 0, reason: "x" }),
      422,
      "invalid_ttl",
      "ttl_seconds",
    ],
    [
      "a negative TTL",
      ...override({ preset: "aggressive", ttl_seconds: -5, reason: "x" }),
      422,
      "invalid_ttl",
      "ttl_seconds",
    ],
    [
      "a non-numeric TTL",
      ...override({ preset: "aggressive", ttl_seconds: "abc", reason: "x" }),
      400,
      "invalid_request",
      "ttl_seconds",
    ],
    [
      "a fractional TTL",
      ...override({ preset: "aggressive", ttl_seconds: 1.5, reason: "x" }),
      400,
      "invalid_request",
      "ttl_seconds",
    ],
    [
      "a TTL over 24 h",
      ...override({ preset: "aggressive", ttl_seconds: 86_401, reason: "x" }),
      422,
      "ttl_too_long",
      "ttl_seconds",
    ],
    [
      "a missing reason",
      ...override({ preset: "aggressive", ttl_seconds: 60 }),
      400,
      "invalid_request",
      "reason",
    ],
    [
      "an empty reason",
      ...override({ preset: "aggressive", ttl_seconds: 60, reason: "   " }),
      422,
      "empty_reason",
      "reason",
    ],
    [
      "an unknown field",
      ...override({ preset: "aggressive", ttl_seconds: 60, reason: "x", force: true }),
      400,
      "invalid_request",
      "force",
    ],
    ["a missing body", "PUT", `${POLICY}/preset`, undefined, 400, "invalid_request", null],
    ["malformed JSON", "PUT", `${POLICY}/preset`, "{ preset:", 400, "invalid_json", null],
    [
      "an empty reason on clear",
      "DELETE",
      `${POLICY}/overrides/current`,
      { reason: "" },
      422,
      "empty_reason",
      "reason",
    ],
  ] as const)("%s", async (_label, method, path, body, status, code, field) => {
    const t = await twin();
    if (method === "DELETE") {
      await call(t, "POST", `${POLICY}/overrides`, {
        body: { preset: "aggressive", ttl_seconds: 60, reason: "x" },
      });
    }
    const r = await call(t, method, path, { body });
    expect(r.status).toBe(status);
    expect(r.json.error).toMatchObject({ code, field });
    expect(r.json.error.message).not.toMatch(/\n/);
    const after = await call(t, "GET", `${POLICY}/status`);
    expect(after.json.version).toBe(method === "DELETE" ? 2 : 1);
  });

  it.each([
    ["?preset=turbo", 422, "unknown_preset"],
    ["?telemetry_stale=maybe", 400, "invalid_request"],
    ["?verbose=1", 400, "invalid_request"],
  ])("refuses the status query %s", async (query, status, code) => {
    const t = await twin();
    const r = await call(t, "GET", `${POLICY}/status${query}`);
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
  });

  it("answers 404 and 405 with the error body", async () => {
    const t = await twin();
    const missing = await call(t, "GET", "/api/nope", { schema: "Error" });
    expect(missing.status).toBe(404);
    const wrong = await call(t, "POST", `${POLICY}/status`, { schema: "Error" });
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.message).toContain("allowed: GET");
  });
});

describe("twin: conflicts", () => {
  it("answers 409 to a second override without replace, and replaces with it", async () => {
    const t = await twin();
    const body = { preset: "aggressive", ttl_seconds: 600, reason: "import" };
    await call(t, "POST", `${POLICY}/overrides`, { body });
    const second = await call(t, "POST", `${POLICY}/overrides`, {
      body: { ...body, preset: "conservative" },
    });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: "override_conflict", field: "replace" });
    const replaced = await call(t, "POST", `${POLICY}/overrides`, {
      body: { ...body, preset: "conservative", replace: true },
    });
    expect(replaced.status).toBe(201);
    expect(replaced.json.status.override).toMatchObject({ id: "ovr-2", preset: "conservative" });
  });

  it("answers 412 when If-Match names a stale version, and applies a current one", async () => {
    const t = await twin();
    const etag = (await call(t, "GET", `${POLICY}/status`)).headers.get("etag") ?? "";
    await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "conservative", reason: "a" } });
    const stale = await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "aggressive", reason: "b" },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe("version_mismatch");
    const current = await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "aggressive", reason: "b" },
      headers: { "if-match": '"2"' },
    });
    expect(current.status).toBe(200);
  });
});

describe("twin: reads and what-ifs change nothing", () => {
  it("leaves the version alone, and two reads at the same clock are byte-identical", async () => {
    const t = await twin();
    const first = await call(t, "GET", `${POLICY}/status`);
    const whatIf = await call(t, "GET", `${POLICY}/status?preset=aggressive&telemetry_stale=true`);
    expect(whatIf.json).toMatchObject({
      what_if: { preset: "aggressive", telemetry_stale: true },
      requested_preset: "aggressive",
      active_preset: "conservative",
      fail_safe: true,
      version: 1,
    });
    const evaluated = await call(t, "POST", `${POLICY}/evaluate?preset=aggressive`);
    expect(evaluated.json).toMatchObject({
      requested_preset: "aggressive",
      what_if: { preset: "aggressive" },
    });
    const second = await call(t, "GET", `${POLICY}/status`);
    expect(second.text).toBe(first.text);
    expect(second.json.version).toBe(1);
  });
});

describe("twin: the virtual clock", () => {
  it("moves only when told to, and expiry follows it: active at ttl-1, gone at ttl", async () => {
    const t = await twin();
    const base = await call(t, "GET", `${POLICY}/status`);
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 1200, reason: "import" },
    });
    await advance(t, 1199);
    const before = await call(t, "GET", `${POLICY}/status`);
    expect(before.json.override).toMatchObject({ preset: "aggressive", remaining_seconds: 1 });
    expect(before.json.timestamp).toBe("2026-01-01T00:19:59Z");
    await advance(t, 1);
    const after = await call(t, "GET", `${POLICY}/status`);
    expect(after.json.override).toBeNull();
    // Equal to the base preset's status, but for the clock and the version the override took.
    const strip = (s: Record<string, unknown>) => ({ ...s, timestamp: null, version: null });
    expect(strip(after.json)).toEqual(strip(base.json));
    const clock = await call(t, "GET", "/__twin/clock");
    expect(clock.json).toEqual({ now: "2026-01-01T00:20:00Z", epoch_seconds: 1_767_226_800 });
  });
});

describe("twin: fail-safe", () => {
  it("goes fail-safe once telemetry is stale past its limit", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/telemetry", { body: { mode: "stale" } });
    await advance(t, 60);
    expect((await call(t, "GET", `${POLICY}/status`)).json.fail_safe).toBe(false);
    await advance(t, 10);
    const r = await call(t, "GET", `${POLICY}/status`);
    expect(r.json).toMatchObject({
      fail_safe: true,
      active_preset: "conservative",
      queue_pressure_level: "unknown",
    });
    expect(r.json.fail_safe_reason).toMatch(/^telemetry stale/);
  });

  it("goes fail-safe at once when telemetry fails, and /queues fails loudly", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/telemetry", { body: { mode: "failing" } });
    const r = await call(t, "GET", `${POLICY}/status`);
    expect(r.json).toMatchObject({ fail_safe: true, telemetry_stale: true, active_preset: "conservative" });
    expect(r.json.fail_safe_reason).toBe("telemetry failed: queue telemetry source is failing");
    expect((await call(t, "GET", "/api/queues")).status).toBe(503);
    await call(t, "POST", "/__twin/telemetry", { body: { mode: "ok" } });
    expect((await call(t, "GET", `${POLICY}/status`)).json.fail_safe).toBe(false);
  });
});

describe("twin: If-Match on every mutating endpoint", () => {
  it.each([
    ["POST", `${POLICY}/overrides`, { preset: "aggressive", ttl_seconds: 60, reason: "x" }],
    ["DELETE", `${POLICY}/overrides/current`, { reason: "x" }],
    ["POST", `${POLICY}/revert`, { reason: "x" }],
  ] as const)(
    "%s %s answers 412 to a stale version and applies a current one",
    async (method, path, body) => {
      const t = await twin();
      await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "conservative", reason: "a" } });
      if (method === "DELETE") {
        await call(t, "POST", `${POLICY}/overrides`, {
          body: { preset: "aggressive", ttl_seconds: 60, reason: "x" },
        });
      }
      const current = (await call(t, "GET", `${POLICY}/status`)).headers.get("etag") ?? "";
      const stale = await call(t, method, path, { body, headers: { "if-match": '"1"' } });
      expect(stale.status).toBe(412);
      expect(stale.json.error.code).toBe("version_mismatch");
      const applied = await call(t, method, path, { body, headers: { "if-match": current } });
      expect(applied.status).toBeLessThan(300);
    },
  );
});
