import { describe, expect, it } from "vitest";
import { serveTwin } from "../twin/serve-process.js";
import { conform } from "./run-conform.js";

const PROPERTY = "override-expires-at-expires_at";

/** `conform --only` the expiry property against a twin, with or without the defect that keeps overrides forever. */
async function expiryAgainst(defect: string[]) {
  const served = defect.length ? await serveTwin(defect, /^defects on: .+$/m) : await serveTwin();
  try {
    return await conform(["--api-url", served.url, "--only", PROPERTY, "--runs", "3"]);
  } finally {
    served.proc.kill("SIGTERM");
    await served.proc;
  }
}

// Runs with npm test, not only with the defect runs: an edit that stops the property flagging an override still
// shown after expires_at must fail here.
describe(`conform's ${PROPERTY} property`, () => {
  it("passes against a twin whose overrides expire", async () => {
    const r = await expiryAgainst([]);
    expect(r.stdout).toMatch(new RegExp(`^pass ${PROPERTY}`, "m"));
    expect(r.exitCode).toBe(0);
  });

  it("fails, by name, against a twin that shows an override after its expires_at", async () => {
    const r = await expiryAgainst(["--defect", "override_never_expires"]);
    expect(r.exitCode).toBe(1);
    const failure = r.stdout.split("\n").find((line) => line.startsWith(`FAIL ${PROPERTY}: `)) ?? "";
    // Each of the property's three checks by its own words, so dropping any one of them fails here.
    expect(failure).toMatch(/the override ovr-\d+ is still shown/);
    expect(failure).toMatch(/after expiry the requested preset is \w+, not the base \w+/);
    expect(failure).toMatch(/the history has no override_expired for ovr-\d+/);
  });
});
