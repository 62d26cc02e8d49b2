import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";
import { ctl, tp, twin } from "./helpers.js";

const scratch = tempDir("ctl-contexts");

/** A temporary XDG_CONFIG_HOME holding `config` as nemesis-ctl/config.json. */
function xdg(config: unknown): { XDG_CONFIG_HOME: string; file: string } {
  const home = mkdtempSync(join(scratch, "xdg-"));
  mkdirSync(join(home, "nemesis-ctl"));
  const file = join(home, "nemesis-ctl", "config.json");
  writeFileSync(file, JSON.stringify(config));
  return { XDG_CONFIG_HOME: home, file };
}

const unreachable = "http://127.0.0.1:9/api";

describe("nemesis-ctl: named contexts", () => {
  it("the current context supplies the API URL and the password from the variable it names", async () => {
    const t = await twin();
    const { XDG_CONFIG_HOME } = xdg({
      "current-context": "dev",
      contexts: {
        dev: { "api-url": t.url, user: "n", "password-env": "DEV_PASSWORD" },
        prod: { "api-url": unreachable, user: "ops", "password-env": "PROD_PASSWORD" },
      },
    });
    const r = await ctl(null, tp("status", "--json"), {
      XDG_CONFIG_HOME,
      DEV_PASSWORD: "n",
      NEMESIS_API_URL: "",
    });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    // A wrong password from the context is the API's to refuse: it was sent.
    const wrong = await ctl(null, tp("status"), {
      XDG_CONFIG_HOME,
      DEV_PASSWORD: "nope",
      NEMESIS_API_URL: "",
    });
    expect(wrong.exitCode).toBe(4);
  });

  it("precedence: flag > env > context > default", async () => {
    const t = await twin();
    const { XDG_CONFIG_HOME } = xdg({
      contexts: { prod: { "api-url": unreachable }, dev: { "api-url": t.url } },
    });
    const env = { XDG_CONFIG_HOME, NEMESIS_API_URL: "" };
    expect((await ctl(null, tp("status"), { ...env, NEMESIS_CONTEXT: "dev" })).exitCode).toBe(0);
    // --context beats NEMESIS_CONTEXT.
    expect(
      (await ctl(null, tp("status", "--context", "prod"), { ...env, NEMESIS_CONTEXT: "dev" })).exitCode,
    ).toBe(5);
    // NEMESIS_API_URL beats the context; --api-url beats both.
    expect(
      (await ctl(null, tp("status", "--context", "prod"), { XDG_CONFIG_HOME, NEMESIS_API_URL: t.url }))
        .exitCode,
    ).toBe(0);
    const flag = await ctl(null, tp("status", "--context", "prod", "--api-url", t.url), env);
    expect(flag.exitCode).toBe(0);
  });

  it("refuses a config holding a secret, naming the key", async () => {
    const { XDG_CONFIG_HOME, file } = xdg({
      contexts: { prod: { "api-url": unreachable, password: "hunter2" } },
    });
    const r = await ctl(null, tp("status", "--context", "prod"), { XDG_CONFIG_HOME });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}: $.contexts.prod.password holds a secret`);
    expect(r.stderr).toContain('"password-env"');
    expect(r.stderr).not.toContain("hunter2");
  });

  it("checks the file against its schema and names the place", async () => {
    const { XDG_CONFIG_HOME, file } = xdg({ contexts: { prod: { "api-url": "nemesis:7443" } } });
    const r = await ctl(null, tp("status"), { XDG_CONFIG_HOME });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^nemesis-ctl: ${file.replaceAll("/", "\\/")}: \\$\\.contexts\\.prod\\.api-url: `),
    );
  });

  it("an unknown context is refused with the nearest name; an unset secret variable is named", async () => {
    const { XDG_CONFIG_HOME } = xdg({
      contexts: { prod: { "api-url": unreachable, "token-env": "PROD_TOKEN" } },
    });
    const typo = await ctl(null, tp("status", "--context", "prd"), { XDG_CONFIG_HOME });
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/unknown context "prd" in .*; did you mean "prod"\?/);
    const unset = await ctl(null, tp("status", "--context", "prod"), { XDG_CONFIG_HOME });
    expect(unset.exitCode).toBe(2);
    expect(unset.stderr).toContain('context "prod" reads the token from PROD_TOKEN, which is not set');
  });

  it("config get-contexts and config use-context, as kubectl has them", async () => {
    const { XDG_CONFIG_HOME, file } = xdg({
      "current-context": "dev",
      contexts: {
        prod: { "api-url": "https://nemesis.example:7443/api", user: "ops", "password-env": "PROD_PASSWORD" },
        dev: { "api-url": "http://127.0.0.1:7443/api", "token-env": "DEV_TOKEN" },
      },
    });
    const list = await ctl(null, ["config", "get-contexts"], { XDG_CONFIG_HOME });
    expect(list.exitCode).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^CURRENT\s+NAME\s+API URL\s+USER\s+CA FILE\s+SECRET$/);
    expect(list.stdout).toMatch(
      /^\s+prod\s+https:\/\/nemesis\.example:7443\/api\s+ops\s+-\s+password from PROD_PASSWORD$/m,
    );
    expect(list.stdout).toMatch(/^\*\s+dev\s+/m);
    const use = await ctl(null, ["config", "use-context", "prod"], { XDG_CONFIG_HOME });
    expect(use.stdout).toBe('switched to context "prod"');
    expect(JSON.parse(readFileSync(file, "utf8"))["current-context"]).toBe("prod");
    const bad = await ctl(null, ["config", "use-context", "staging"], { XDG_CONFIG_HOME });
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(readFileSync(file, "utf8"))["current-context"]).toBe("prod");
  });
});
