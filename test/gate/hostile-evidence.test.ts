import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type Bundle, sealBundle } from "../../src/evidence/index.js";
import { evidenceVerify } from "../../src/gate/commands/evidence-verify.js";
import { builtBin } from "../cli.js";
import { smallBundle } from "../evidence/small-bundle.js";
import { tempDir } from "../temp-dir.js";

const GATE = builtBin("gate/cli.js");
const scratch = tempDir("gate-hostile-evidence");
const input = join(scratch, "input.json");

/** A sealed bundle over one input (named from the scratch root), changed by `forge` and sealed again. */
function forged(name: string, forge: (d: Bundle["deterministic"]) => void): string {
  const bundle = smallBundle(scratch, ["input.json"]);
  const deterministic = structuredClone(bundle.deterministic);
  forge(deterministic);
  const { determinism: _, ...rest } = bundle;
  const file = join(scratch, `${name}.bundle.json`);
  writeFileSync(file, JSON.stringify(sealBundle({ ...rest, deterministic })));
  return file;
}

async function verify(file: string, options: Record<string, string> = {}) {
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await evidenceVerify.run({ args: { bundle: file }, options: { root: scratch, ...options } });
    return { code, out: out.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

const gate = (args: string[], cwd?: string) =>
  execa("node", [GATE, ...args], { reject: false, cwd, timeout: 20_000 }).then((r) => ({
    exitCode: r.exitCode,
    stdout: String(r.stdout),
    stderr: String(r.stderr),
  }));

beforeAll(() => writeFileSync(input, '{"input": true}\n'));

describe("evidence verify: a re-sealed forgery is caught", () => {
  const rows: [string, (d: Bundle["deterministic"]) => void, RegExp][] = [
    [
      "the verdict flipped to pass while the step failed",
      (d) => {
        Object.assign(d.steps.docs ?? {}, { status: "fail", summary: "a finding" });
        d.verdict.result = "pass";
      },
      /verdict: recorded pass but the steps give fail \(docs failed: a finding\)/,
    ],
    [
      "a partial run recorded as partial while its step failed",
      (d) => Object.assign(d.steps.docs ?? {}, { status: "fail", summary: "a finding" }),
      /verdict: recorded partial but the steps give fail/,
    ],
    [
      "a complete run that ran one step",
      (d) => {
        d.gate.only = null;
        d.verdict.result = "pass";
      },
      /verdict: recorded pass but the steps give fail/,
    ],
    [
      "a trigger recorded as not fired that the steps fire",
      (d) => {
        d.gate.only = "rollback";
        d.steps = {
          controls: { status: "pass", summary: "ok", checks: [], result: { drift: ["preset differs"] } },
          rollback: {
            status: "pass",
            summary: "no trigger fired of 1",
            checks: [],
            result: {
              triggers: [
                {
                  id: "RT-STATE-DRIFT",
                  metric: "drift",
                  threshold: 0,
                  observed: 0,
                  fired: false,
                  detail: "none",
                },
              ],
              revert_commands: [],
              revert: null,
            },
          },
        };
      },
      /verdict: trigger RT-STATE-DRIFT is recorded not fired \(observed 0\) but the steps give fired \(observed 1\)/,
    ],
  ];
  it.each(rows)("%s", async (name, forge, message) => {
    const r = await verify(forged(name.replace(/\W+/g, "-"), forge));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
  });

  it("the schema is the package's own, not one beside the bundle nor the bundle's $schema", async () => {
    const dir = join(scratch, "permissive");
    mkdirSync(join(dir, "evidence", "schema"), { recursive: true });
    const permissive = JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema" });
    writeFileSync(join(dir, "bundle.schema.json"), permissive);
    writeFileSync(join(dir, "evidence", "schema", "bundle.schema.json"), permissive);
    const file = forged("permissive", (d) => Object.assign(d.gate, { extra: "not in the schema" }));
    const bundle = JSON.parse(readFileSync(file, "utf8"));
    bundle.$schema = join(dir, "bundle.schema.json");
    writeFileSync(join(dir, "bundle.json"), JSON.stringify(bundle));
    const r = await verify(join(dir, "bundle.json"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/schema: \/deterministic\/gate must NOT have additional properties/);
  });
});

describe("evidence keygen, sign and verify --pub", () => {
  const keys = join(scratch, "keys");
  const other = join(scratch, "other-keys");
  let bundle = "";
  beforeAll(async () => {
    bundle = forged("signed", () => {});
    expect((await gate(["evidence", "keygen", "--out-dir", keys])).exitCode).toBe(0);
    expect((await gate(["evidence", "keygen", "--out-dir", other])).exitCode).toBe(0);
    expect((await gate(["evidence", "sign", bundle, "--key", join(keys, "gate-signing.key")])).exitCode).toBe(
      0,
    );
  });

  it("writes the private key readable by its owner only, and a DSSE in-toto envelope", () => {
    expect(statSync(join(keys, "gate-signing.key")).mode & 0o777).toBe(0o600);
    const envelope = JSON.parse(readFileSync(join(scratch, "bundle.dsse.json"), "utf8"));
    expect(envelope.payloadType).toBe("application/vnd.in-toto+json");
    const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.subject[0].name).toBe("signed.bundle.json");
  });

  it("verifies with the right public key", async () => {
    const r = await verify(bundle, { pub: join(keys, "gate-signing.pub") });
    expect(r.out).toMatch(/evidence: verified PARTIAL run \(only docs\), signed/);
    expect(r.code).toBe(0);
  });

  const rows: [string, () => Record<string, string>, (() => void) | null, RegExp][] = [
    [
      "another key",
      () => ({ pub: join(other, "gate-signing.pub") }),
      null,
      /signature: .*bundle\.dsse\.json: the signature does not verify with the given public key/,
    ],
    [
      "a signature changed",
      () => ({ pub: join(keys, "gate-signing.pub"), envelope: join(scratch, "bad-sig.dsse.json") }),
      () => {
        const e = JSON.parse(readFileSync(join(scratch, "bundle.dsse.json"), "utf8"));
        e.signatures[0].sig = Buffer.alloc(64).toString("base64");
        writeFileSync(join(scratch, "bad-sig.dsse.json"), JSON.stringify(e));
      },
      /bad-sig\.dsse\.json: the signature does not verify/,
    ],
    [
      "a missing envelope",
      () => ({ pub: join(keys, "gate-signing.pub"), envelope: join(scratch, "absent.dsse.json") }),
      null,
      /signature: .*absent\.dsse\.json is missing/,
    ],
    [
      "the bundle's bytes changed after signing",
      () => ({ pub: join(keys, "gate-signing.pub") }),
      () => writeFileSync(bundle, `${readFileSync(bundle, "utf8")}\n`),
      /signs another bundle/,
    ],
  ];
  it.each(rows)("exit 1 for %s", async (_, options, damage, message) => {
    damage?.();
    const r = await verify(bundle, options());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
  });

  it.each([
    ["keygen over an existing key", () => ["evidence", "keygen", "--out-dir", keys], /already exists/],
    [
      "sign with a public key",
      () => ["evidence", "sign", bundle, "--key", join(keys, "gate-signing.pub")],
      /not a PEM private key/,
    ],
    [
      "verify with a file that is no key as --pub",
      () => ["evidence", "verify", bundle, "--pub", input],
      /input\.json: not a PEM public key/,
    ],
    [
      "sign with /dev/zero as the key",
      () => ["evidence", "sign", bundle, "--key", "/dev/zero"],
      /cannot read the private key \(a character device/,
    ],
  ])("exit 2 and one line: %s", async (_, args, message) => {
    const r = await gate(args());
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe("evidence verify from another working directory", () => {
  it("names inputs from the bundle's repository, or from --root", async () => {
    const repo = join(scratch, "repo");
    mkdirSync(join(repo, "out"), { recursive: true });
    await execa("git", ["init", "-q", repo]);
    writeFileSync(join(repo, "in.json"), "{}\n");
    const bundle = smallBundle(repo, ["in.json"]);
    writeFileSync(join(repo, "out", "bundle.json"), JSON.stringify(bundle));
    const elsewhere = join(scratch, "elsewhere");
    mkdirSync(elsewhere);
    const fromGit = await gate(["evidence", "verify", join(repo, "out", "bundle.json")], elsewhere);
    expect(fromGit.stdout).toMatch(/evidence: verified/);
    expect(fromGit.exitCode).toBe(0);
    const copy = join(elsewhere, "bundle.json");
    writeFileSync(copy, JSON.stringify(bundle));
    const missing = await gate(["evidence", "verify", copy], elsewhere);
    expect(missing.stdout).toMatch(/input in\.json: missing/);
    const rooted = await gate(["evidence", "verify", copy, "--root", repo], elsewhere);
    expect(rooted.exitCode).toBe(0);
  });
});
