import { createPublicKey, sign } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  type Bundle,
  bundleSteps,
  ed25519Key,
  fileDigest,
  INTOTO_PAYLOAD_TYPE,
  preAuthEncoding,
  sealBundle,
} from "../../src/evidence/index.js";
import { locateInput } from "../../src/gate/builtin.js";
import { evidenceVerify } from "../../src/gate/commands/evidence-verify.js";
import { loadTriggers, type TriggerSpec } from "../../src/gate/config.js";
import type { StepResults } from "../../src/gate/steps/index.js";
import { evaluateTriggers, type TriggerOutcome } from "../../src/gate/triggers/index.js";
import { decideVerdict } from "../../src/gate/verdict.js";
import { builtBin } from "../cli.js";
import { smallBundle } from "../evidence/small-bundle.js";
import { type HostileRun, runHostile } from "../hostile-run.js";
import { tempDir } from "../temp-dir.js";

const GATE = builtBin("gate/cli.js");
/** The root every bundle here names its inputs from. */
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
    const code = await evidenceVerify.run(
      { args: { bundle: file }, options: { root: scratch, ...options } },
      undefined,
    );
    return { code, out: out.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

/** The built CLI on hostile input, from the scratch folder: no stack trace, bounded memory (see runHostile). */
const gate = (args: string[], cwd = scratch) => runHostile(GATE, args, { cwd });

/** A refusal: the exit code, and one line on stderr saying why. */
function refused(r: HostileRun, message: RegExp, exitCode = 2) {
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.exitCode).toBe(exitCode);
}

const keys = join(scratch, "keys");
const privateKey = join(keys, "gate-signing.key");
const publicKey = join(keys, "gate-signing.pub");

beforeAll(async () => {
  writeFileSync(input, '{"input": true}\n');
  expect((await gate(["evidence", "keygen", "--out-dir", keys])).exitCode).toBe(0);
});

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
    [
      "recorded trigger outcomes of the wrong shape",
      (d) => {
        d.gate.only = "rollback";
        d.steps = {
          rollback: { status: "pass", summary: "ok", checks: [], result: { triggers: [{ id: 5 }] } },
        };
      },
      /verdict: steps\.rollback\.result\.triggers is not a list of trigger outcomes/,
    ],
    [
      "a drain result of the wrong shape",
      (d) => {
        d.gate.only = "queue-drain";
        d.steps = { "queue-drain": { status: "pass", summary: "ok", checks: [], result: { kpis: 5 } } };
      },
      /verdict: cannot be recomputed from the recorded steps: /,
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
    // The permissive schema would take it: refused, it was checked against the package's own.
    await expect(verify(join(dir, "bundle.json"))).rejects.toThrow(
      /bundle\.json: not a gate bundle: \/.* \(and 1 more\)/,
    );
    const r = await gate(["evidence", "verify", join(dir, "bundle.json"), "--root", scratch]);
    refused(r, /not a gate bundle: /);
  });
});

/** Queue-drain KPIs of one profile, enough for every trigger of the built-in triggers file to observe. */
const kpis = (starvation: number) => ({
  drain_seconds: 100,
  wait_seconds: { baseline: { p95: 10 } },
  seconds_at_level: { critical: 0 },
  max_starvation_seconds: { expensive: starvation },
});

/**
 * A bundle of a twin run of the rollback step whose drain starved expensive work for 157.6 s (the built-in
 * RT-EXPENSIVE-STARVATION fires above 120 s), with its trigger outcomes, step status and verdict made by the gate's
 * own code from the thresholds `forge` leaves: left alone, an honest FAIL; with a threshold raised, a forged pass
 * that is consistent in itself and sealed.
 */
function triggerBundle(
  name: string,
  options: {
    triggers: string | null;
    forge?: (specs: TriggerSpec[]) => TriggerSpec[];
    outcomes?: (outcomes: TriggerOutcome[]) => TriggerOutcome[];
  },
): string {
  const specs = loadTriggers(locateInput(scratch, "builtin:nemesis-triggers"));
  const results: Partial<StepResults> = {
    "queue-drain": {
      status: "pass",
      summary: "drained",
      checks: [],
      deterministic: {
        mode: "twin",
        profiles: ["burst"],
        runs: [{ profile: "burst", base: { kpis: kpis(20) }, candidate: { kpis: kpis(157.591) } }],
        kpis: [],
      },
      measured: { timelines: [] },
    } as unknown as StepResults["queue-drain"],
  };
  const evaluated = evaluateTriggers(options.forge ? options.forge(structuredClone(specs)) : specs, results);
  const outcomes = options.outcomes ? options.outcomes(evaluated) : evaluated;
  const fired = outcomes.filter((t) => t.fired);
  results.rollback = {
    status: fired.length ? "fail" : "pass",
    summary: fired.length ? `${fired.length} trigger(s) fired` : `no trigger fired of ${outcomes.length}`,
    checks: [],
    deterministic: { triggers: outcomes, revert_commands: [], revert: null },
    measured: {},
  };
  const { steps, measured } = bundleSteps(results, ["queue-drain", "rollback"]);
  const bundle = sealBundle<StepResults>({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: "2026-01-01T00:00:00Z",
    deterministic: {
      gate: { name: "test", config: "gate.config.json", mode: "twin", quick: true, only: "rollback" },
      inputs: [
        fileDigest(scratch, "input.json"),
        ...(options.triggers ? [fileDigest(scratch, options.triggers, locateInput)] : []),
      ],
      steps,
      verdict: decideVerdict(results, "rollback"),
    },
    measured: { environment: {}, timings_ms: {}, steps: measured },
  });
  const file = join(scratch, `${name}.bundle.json`);
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

const raise = (id: string, threshold: number) => (specs: TriggerSpec[]) =>
  specs.map((s) => (s.id === id ? { ...s, threshold } : s));

describe("evidence verify without --pub: thresholds come from the triggers file the inputs name", () => {
  beforeAll(() => copyFileSync("gates/triggers.json", join(scratch, "triggers.json")));

  it("an honest FAIL verifies, and the line says what that proves", async () => {
    const file = triggerBundle("honest", { triggers: "builtin:nemesis-triggers" });
    expect((JSON.parse(readFileSync(file, "utf8")) as Bundle).deterministic.verdict.result).toBe("fail");
    const r = await gate(["evidence", "verify", file, "--root", scratch]);
    expect(r.stdout).toMatch(
      /^evidence: verified PARTIAL run \(only rollback\) \(digest [0-9a-f]{64}\): integrity against the inputs; authenticity needs --pub$/m,
    );
    expect(r.exitCode).toBe(0);
  });

  it.each([
    [
      "a threshold raised 120 → 1000, against the built-in triggers file",
      { triggers: "builtin:nemesis-triggers", forge: raise("RT-EXPENSIVE-STARVATION", 1000) },
      [
        /verdict: trigger RT-EXPENSIVE-STARVATION is recorded with threshold 1000 but builtin:nemesis-triggers gives 120/,
        /verdict: trigger RT-EXPENSIVE-STARVATION is recorded not fired \(observed 157\.591\) but the steps give fired/,
        /verdict: recorded partial but the steps give fail/,
      ],
    ],
    [
      "a threshold raised, against a triggers file in the repository",
      { triggers: "triggers.json", forge: raise("RT-EXPENSIVE-STARVATION", 1000) },
      [/trigger RT-EXPENSIVE-STARVATION is recorded with threshold 1000 but triggers\.json gives 120/],
    ],
    [
      "a threshold raised and the triggers file left out of the inputs",
      { triggers: null, forge: raise("RT-EXPENSIVE-STARVATION", 1000) },
      [/the rollback step records triggers, but no input that matches its digest is a triggers file/],
    ],
    [
      "the firing trigger left out of the recorded list",
      {
        triggers: "builtin:nemesis-triggers",
        forge: (specs: TriggerSpec[]) => specs.filter((s) => s.id !== "RT-EXPENSIVE-STARVATION"),
      },
      [/verdict: trigger RT-EXPENSIVE-STARVATION of builtin:nemesis-triggers is not recorded/],
    ],
    [
      "a trigger the triggers file does not have",
      {
        triggers: "builtin:nemesis-triggers",
        outcomes: (outcomes: TriggerOutcome[]) => [
          ...outcomes,
          { ...(outcomes[0] as TriggerOutcome), id: "RT-EXTRA" },
        ],
      },
      [/verdict: trigger RT-EXTRA is recorded, but builtin:nemesis-triggers has no such trigger/],
    ],
  ])("refused: %s", async (name, options, messages) => {
    const file = triggerBundle(name.replace(/\W+/g, "-"), options);
    const r = await gate(["evidence", "verify", file, "--root", scratch]);
    for (const message of messages) expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/^evidence: FAILED/m);
    expect(r.exitCode).toBe(1);
  });
});

describe("evidence verify reads no input outside the root", () => {
  const root = join(scratch, "root");
  const outside = join(scratch, "outside.json");
  beforeAll(() => {
    mkdirSync(root);
    writeFileSync(join(root, "input.json"), "{}\n");
    writeFileSync(outside, '{"outside": true}\n');
    symlinkSync(outside, join(root, "link-out.json"));
  });

  /** A bundle under the root naming `name` with the true digest of the outside file: read, it would verify. */
  function naming(file: string, name: string): string {
    const bundle = structuredClone(smallBundle(root, ["input.json"]));
    const { determinism: _, ...rest } = bundle;
    rest.deterministic.inputs.push({ ...fileDigest(scratch, "outside.json"), name });
    const path = join(root, file);
    writeFileSync(path, JSON.stringify(sealBundle(rest)));
    return path;
  }

  it.each([
    [
      "a path with ..",
      "dotdot",
      () => "../outside.json",
      /a path with \.\., which may leave the root; not read/,
    ],
    ["an absolute path", "absolute", () => outside, /an absolute path, outside the root; not read/],
    [
      "a link that leads out",
      "link",
      () => "link-out.json",
      /a link that resolves outside the root; not read/,
    ],
  ])("%s: verify exit 1, sign exit 2, each naming the input", async (_, file, name, message) => {
    const bundle = naming(`${file}.bundle.json`, name());
    const v = await gate(["evidence", "verify", bundle, "--root", root]);
    const lines = v.stdout.split("\n").filter((l) => l.includes(`input ${name()}:`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(v.exitCode).toBe(1);
    const s = await gate(["evidence", "sign", bundle, "--key", privateKey, "--root", root]);
    refused(s, new RegExp(`does not verify, not signed: input .*: ${message.source}`));
  });
});

describe("evidence keygen, sign and verify --pub", () => {
  const other = join(scratch, "other-keys");
  let bundle = "";
  beforeAll(async () => {
    bundle = forged("signed", () => {});
    expect((await gate(["evidence", "keygen", "--out-dir", other])).exitCode).toBe(0);
    expect((await gate(["evidence", "sign", bundle, "--key", privateKey, "--root", scratch])).exitCode).toBe(
      0,
    );
  });

  it("writes the private key readable by its owner only, and a DSSE in-toto envelope", () => {
    expect(statSync(privateKey).mode & 0o777).toBe(0o600);
    const envelope = JSON.parse(readFileSync(join(scratch, "bundle.dsse.json"), "utf8"));
    expect(envelope.payloadType).toBe("application/vnd.in-toto+json");
    const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.subject[0].name).toBe("signed.bundle.json");
  });

  it("verifies with the right public key, and says what that proves", async () => {
    const r = await verify(bundle, { pub: publicKey });
    expect(r.out).toMatch(
      /evidence: verified PARTIAL run \(only docs\), signed \(digest [0-9a-f]{64}\): integrity against the inputs, and authenticity: signed by the holder of the key for /,
    );
    expect(r.code).toBe(0);
  });

  /** The envelope `evidence sign` wrote, changed by `change` and written as `name`. */
  function envelope(name: string, change: (e: Record<string, unknown>) => unknown): string {
    const e = JSON.parse(readFileSync(join(scratch, "bundle.dsse.json"), "utf8"));
    const file = join(scratch, name);
    writeFileSync(file, JSON.stringify(change(e) ?? e));
    return file;
  }

  const rows: [string, () => Record<string, string>, (() => void) | null, RegExp][] = [
    [
      "another key",
      () => ({ pub: join(other, "gate-signing.pub") }),
      null,
      /signature: .*bundle\.dsse\.json: the signature does not verify with the given public key/,
    ],
    [
      "a signature changed",
      () => ({
        pub: publicKey,
        envelope: envelope("bad-sig.dsse.json", (e) => {
          Object.assign((e.signatures as object[])[0] ?? {}, { sig: Buffer.alloc(64).toString("base64") });
        }),
      }),
      null,
      /bad-sig\.dsse\.json: the signature does not verify/,
    ],
    [
      "another payload type, its signature good",
      () => ({
        pub: publicKey,
        envelope: envelope("type.dsse.json", (e) => {
          const key = ed25519Key(readFileSync(privateKey), "private");
          const payload = Buffer.from(e.payload as string, "base64");
          const sig = sign(null, preAuthEncoding("application/json", payload), key).toString("base64");
          return { ...e, payloadType: "application/json", signatures: [{ keyid: "", sig }] };
        }),
      }),
      null,
      /type\.dsse\.json: payloadType is "application\/json", not "application\/vnd\.in-toto\+json"/,
    ],
    [
      "a missing envelope",
      () => ({ pub: publicKey, envelope: join(scratch, "absent.dsse.json") }),
      null,
      /signature: .*absent\.dsse\.json is missing/,
    ],
    [
      "the bundle's bytes changed after signing",
      () => ({ pub: publicKey }),
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
    ["17 signatures", 17, /many\.dsse\.json: 17 signatures, more than the 16 an envelope may carry/],
    ["100000 signatures", 100_000, /many\.dsse\.json: 100000 signatures, more than the 16/],
  ])("exit 2 and one line, before any is checked: %s", async (_, count, message) => {
    const many = envelope("many.dsse.json", (e) => ({
      ...e,
      signatures: Array.from({ length: count }, () => ({ keyid: "", sig: "AAAA" })),
    }));
    refused(await gate(["evidence", "verify", bundle, "--pub", publicKey, "--envelope", many]), message);
  });

  it.each([
    ["null", "null"],
    ["a list", "[]"],
    ["a payload that is a number", '{"payload": 1}'],
    ["no signatures", `{"payloadType": "${INTOTO_PAYLOAD_TYPE}", "payload": "", "signatures": []}`],
    [
      "a signature that is a number",
      `{"payloadType": "${INTOTO_PAYLOAD_TYPE}", "payload": "", "signatures": [5]}`,
    ],
  ])("a malformed envelope, exit 2 and one line naming it: %s", async (name, text) => {
    const file = join(scratch, `${name.replace(/\W+/g, "-")}.dsse.json`);
    writeFileSync(file, text);
    const r = await gate(["evidence", "verify", bundle, "--pub", publicKey, "--envelope", file]);
    refused(r, new RegExp(`${name.replace(/\W+/g, "-")}\\.dsse\\.json: not a DSSE envelope`));
  });

  it.each([
    ["keygen over an existing key", () => ["evidence", "keygen", "--out-dir", keys], /already exists/],
    [
      "sign with a public key",
      () => ["evidence", "sign", bundle, "--key", publicKey],
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
    refused(await gate(args()), message);
  });
});

describe("evidence sign --out never replaces what it reads, nor a key", () => {
  let bundle = "";
  const links = join(scratch, "out-links");
  beforeAll(() => {
    bundle = forged("out-target", () => {});
    mkdirSync(links);
    symlinkSync(privateKey, join(links, "to-key"));
    symlinkSync(bundle, join(links, "to-bundle"));
    symlinkSync(publicKey, join(links, "to-pub"));
    linkSync(privateKey, join(links, "hard-key"));
    copyFileSync(publicKey, join(links, "elsewhere.pem"));
    // A folder reached through a link: the same key under another path.
    symlinkSync(keys, join(links, "keys-folder"));
  });

  it.each([
    ["the private key", () => privateKey, /--out .*gate-signing\.key is the private key/],
    ["the bundle", () => bundle, /--out .*out-target\.bundle\.json is the bundle/],
    ["the public key beside the key", () => publicKey, /--out .*gate-signing\.pub is the public key/],
    ["a link to the private key", () => join(links, "to-key"), /to-key is the private key/],
    ["a link to the bundle", () => join(links, "to-bundle"), /to-bundle is the bundle/],
    ["a link to the public key", () => join(links, "to-pub"), /to-pub is the public key/],
    ["a hard link to the private key", () => join(links, "hard-key"), /hard-key is the private key/],
    [
      "the private key through a linked folder",
      () => join(links, "keys-folder", "gate-signing.key"),
      /keys-folder\/gate-signing\.key is the private key/,
    ],
    ["another PEM key", () => join(links, "elsewhere.pem"), /elsewhere\.pem holds a PEM key/],
  ])("exit 2 and one line for %s; the file is untouched", async (_, out, message) => {
    const before = readFileSync(out());
    const r = await gate([
      "evidence",
      "sign",
      bundle,
      "--key",
      privateKey,
      "--root",
      scratch,
      "--out",
      out(),
    ]);
    refused(r, message);
    expect(readFileSync(out()).equals(before)).toBe(true);
  });

  it("sign refuses a bundle that does not verify, naming the first problem, and writes nothing", async () => {
    const file = forged("unverified", (d) => Object.assign(d.steps.docs ?? {}, { status: "fail" }));
    const out = join(scratch, "unverified.dsse.json");
    const r = await gate(["evidence", "sign", file, "--key", privateKey, "--root", scratch, "--out", out]);
    refused(
      r,
      /unverified\.bundle\.json: does not verify, not signed: verdict: recorded partial but the steps give fail/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("sign refuses a bundle with a forged threshold", async () => {
    const file = triggerBundle("forged-signed", {
      triggers: "builtin:nemesis-triggers",
      forge: raise("RT-EXPENSIVE-STARVATION", 1000),
    });
    const r = await gate(["evidence", "sign", file, "--key", privateKey, "--root", scratch]);
    refused(
      r,
      /does not verify, not signed: verdict: trigger RT-EXPENSIVE-STARVATION is recorded with threshold 1000 but builtin:nemesis-triggers gives 120 \(and 2 more; evidence verify lists them\)/,
    );
  });

  it("sign warns, in one line, of a private key others can read", async () => {
    const open = join(scratch, "open-keys");
    mkdirSync(open);
    copyFileSync(privateKey, join(open, "gate-signing.key"));
    chmodSync(join(open, "gate-signing.key"), 0o644);
    const out = join(scratch, "open.dsse.json");
    const r = await gate([
      "evidence",
      "sign",
      bundle,
      "--key",
      join(open, "gate-signing.key"),
      "--root",
      scratch,
      "--out",
      out,
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /warning: .*gate-signing\.key is readable by others than its owner \(mode 0644\); chmod 600 it/,
    );
    expect(existsSync(out)).toBe(true);
  });
});

describe("evidence keygen creates, never replaces", () => {
  const keygen = (dir: string) => gate(["evidence", "keygen", "--out-dir", dir]);
  /** Whether the public key file is the public half of the private key file: one run's pair, not two halves. */
  const onePair = (dir: string) =>
    createPublicKey(readFileSync(join(dir, "gate-signing.key")))
      .export({ type: "spki", format: "pem" })
      .toString() === readFileSync(join(dir, "gate-signing.pub"), "utf8");

  it.each([1, 2, 3, 4, 5])(
    "two runs at once into one folder (%i): one writes the pair, the other exit 2",
    async (i) => {
      const dir = join(scratch, `race-${i}`);
      const runs = await Promise.all([keygen(dir), keygen(dir)]);
      expect(runs.map((r) => r.exitCode).sort()).toEqual([0, 2]);
      const loser = runs.find((r) => r.exitCode === 2) as HostileRun;
      refused(loser, /gate-signing\.(key|pub) already exists; a key is never replaced/);
      const winner = runs.find((r) => r.exitCode === 0) as HostileRun;
      expect(winner.stdout).toContain(join(dir, "gate-signing.key"));
      expect(onePair(dir)).toBe(true);
      expect(statSync(join(dir, "gate-signing.key")).mode & 0o777).toBe(0o600);
    },
  );

  it("over a private key already there: exit 2, one line, the key untouched, no public key written", async () => {
    const dir = join(scratch, "existing-private");
    mkdirSync(dir);
    writeFileSync(join(dir, "gate-signing.key"), "an existing key\n");
    refused(await keygen(dir), /gate-signing\.key already exists/);
    expect(readFileSync(join(dir, "gate-signing.key"), "utf8")).toBe("an existing key\n");
    expect(existsSync(join(dir, "gate-signing.pub"))).toBe(false);
  });

  it("over a public key already there: exit 2, the key untouched, and the private key it made removed", async () => {
    const dir = join(scratch, "existing-public");
    mkdirSync(dir);
    writeFileSync(join(dir, "gate-signing.pub"), "an existing public key\n");
    refused(await keygen(dir), /gate-signing\.pub already exists/);
    expect(readFileSync(join(dir, "gate-signing.pub"), "utf8")).toBe("an existing public key\n");
    expect(existsSync(join(dir, "gate-signing.key"))).toBe(false);
  });

  it.each([
    ["a regular file", () => input, /--out-dir .*input\.json is a file, or lies under one; give a folder/],
    [
      "a path under a regular file",
      () => join(input, "keys"),
      /input\.json\/keys is a file, or lies under one/,
    ],
  ])("--out-dir that is %s: exit 2, one line", async (_, dir, message) => {
    refused(await keygen(dir()), message);
  });
});

describe("malformed bundles: exit 2 and one line naming the file", () => {
  it.each([
    ['{"deterministic": 5}', /\/ must have required property '\$schema' \(and 5 more\)/],
    ['{"payload": 1}', /not a gate bundle: /],
    ["[]", /not a gate bundle: \/ must be object/],
    ["null", /not a gate bundle: \/ must be object/],
    ["5", /not a gate bundle: \/ must be object/],
    ['"a string"', /not a gate bundle: \/ must be object/],
  ])("%s", async (text, message) => {
    const file = join(scratch, `malformed-${text.replace(/\W+/g, "")}.json`);
    writeFileSync(file, text);
    for (const args of [
      ["evidence", "verify", file, "--root", scratch],
      ["evidence", "verify", file, "--root", scratch, "--pub", publicKey],
      ["evidence", "sign", file, "--key", privateKey, "--root", scratch],
    ]) {
      const r = await gate(args);
      refused(r, new RegExp(`malformed-${text.replace(/\W+/g, "")}\\.json: `));
      expect(r.stderr).toMatch(message);
    }
  });
});

describe("escape codes in names print inert", () => {
  const evil = "evil\u001b[2J\u202e\n";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding a raw escape character is the point
  const raw = /[\u001b\u202e]/;

  it("an input named with escape codes, in verify's problem lines", async () => {
    const file = forged("escape-input", (d) =>
      d.inputs.push({ name: `${evil}.json`, kind: "file", digest: "0".repeat(64) }),
    );
    const r = await gate(["evidence", "verify", file, "--root", scratch]);
    expect(r.stdout).not.toMatch(raw);
    expect(r.stdout).toContain("input evil\\u001b[2J\\u202e\\n.json: missing");
    expect(r.exitCode).toBe(1);
  });

  it("a trigger id with escape codes, in verify's verdict lines", async () => {
    const file = forged("escape-trigger", (d) => {
      d.gate.only = "rollback";
      d.steps = {
        rollback: {
          status: "pass",
          summary: "ok",
          checks: [],
          result: {
            triggers: [
              { id: `RT-${evil}`, metric: "m", threshold: 0, observed: 0, fired: false, detail: "" },
            ],
          },
        },
      };
    });
    const r = await gate(["evidence", "verify", file, "--root", scratch]);
    expect(r.stdout).not.toMatch(raw);
    expect(r.stdout).toContain("RT-evil\\u001b[2J\\u202e\\n");
    expect(r.exitCode).toBe(1);
  });

  it("a bundle named with escape codes, in sign's line and verify's refusal", async () => {
    const dir = join(scratch, `${evil}bundles`);
    mkdirSync(dir);
    const bundle = join(dir, "bundle.json");
    copyFileSync(
      forged("escape-sign", () => {}),
      bundle,
    );
    const s = await gate(["evidence", "sign", bundle, "--key", privateKey, "--root", scratch]);
    expect(s.stdout).not.toMatch(raw);
    expect(s.stdout).toMatch(/^signed .*evil\\u001b\[2J\\u202e\\nbundles\/bundle\.json: /);
    expect(s.exitCode).toBe(0);
    const missing = await gate(["evidence", "verify", join(dir, "absent.json")]);
    expect(missing.stderr).not.toMatch(raw);
    refused(missing, /evil\\u001b\[2J\\u202e\\nbundles\/absent\.json: cannot read the bundle \(ENOENT\)/);
  });

  it("a folder named with escape codes, in keygen's lines and refusal", async () => {
    const dir = join(scratch, `${evil}keys`);
    const k = await gate(["evidence", "keygen", "--out-dir", dir]);
    expect(k.exitCode).toBe(0);
    expect(k.stdout).not.toMatch(raw);
    expect(k.stdout).toContain("evil\\u001b[2J\\u202e\\nkeys/gate-signing.key");
    const again = await gate(["evidence", "keygen", "--out-dir", dir]);
    expect(again.stderr).not.toMatch(raw);
    refused(again, /evil\\u001b\[2J\\u202e\\nkeys\/gate-signing\.key already exists/);
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
