import { describe, expect, it } from "vitest";
import { bodyTimeoutMessage, callName, redactUrl } from "../../src/common/index.js";

describe("redactUrl", () => {
  it.each([
    ["http://user:secret@host/", "http://user:***@host/"],
    ["https://admin:p@ss@nemesis:7443/api", "https://admin:***@nemesis:7443/api"],
    ["http://token@host/api", "http://***@host/api"],
    ["admin:hunter2@nemesis", "admin:***@nemesis"],
    ['got "ftp://admin:hunter2@nemesis/api"', 'got "ftp://admin:***@nemesis/api"'],
    ["http://host:1/api", "http://host:1/api"],
    ["http://host/a@b?x=c@d", "http://host/a@b?x=c@d"],
  ])("%s → %s", (text, shown) => {
    expect(redactUrl(text)).toBe(shown);
  });

  it("hides a password URL-encoded by the URL parser too", () => {
    expect(redactUrl(new URL("http://u:p%2Fq@h/"))).toBe("http://u:***@h/");
  });
});

describe("naming a call", () => {
  it("never prints the userinfo", () => {
    const url = "http://admin:hunter2@127.0.0.1:4321/api/x?y=1";
    expect(callName("GET", url)).toBe("GET /api/x on http://127.0.0.1:4321");
    expect(bodyTimeoutMessage("GET", url, 15)).toBe(
      "GET /api/x on http://127.0.0.1:4321: the answer's body did not finish within 15 s",
    );
  });
});
