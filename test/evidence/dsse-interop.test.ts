import { sign } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crypto as sigstoreCrypto, dsse as sigstoreDsse } from "@sigstore/core";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ed25519Key, openEnvelope, preAuthEncoding } from "../../src/evidence/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";
import { smallBundle } from "./small-bundle.js";

/**
 * Our DSSE envelopes against an independent implementation: sigstore's (@sigstore/core), and the example of the
 * DSSE specification itself. A signature that only our own verify accepts would prove nothing to anyone else.
 */
const GATE = builtBin("gate/cli.js");
const dir = tempDir("dsse-interop");

describe("DSSE, as other implementations have it", () => {
  it("the pre-authentication encoding is the specification's example, byte for byte", () => {
    // secure-systems-lab/dsse, protocol.md: PAE("http://example.com/HelloWorld", "hello world").
    const expected = "DSSEv1 29 http://example.com/HelloWorld 11 hello world";
    expect(preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world")).toString()).toBe(
      expected,
    );
    expect(
      sigstoreDsse.preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world")).toString(),
    ).toBe(expected);
  });

  it("an envelope `evidence sign` writes verifies with sigstore's DSSE code", async () => {
    // A bundle that verifies against its input: sign refuses any other.
    const bundle = join(dir, "bundle.json");
    writeFileSync(join(dir, "input.json"), "{}\n");
    writeFileSync(bundle, `${JSON.stringify(smallBundle(dir, ["input.json"]), null, 2)}\n`);
    expect((await execa("node", [GATE, "evidence", "keygen", "--out-dir", join(dir, "keys")])).exitCode).toBe(
      0,
    );
    const signed = await execa("node", [
      GATE,
      "evidence",
      "sign",
      bundle,
      "--key",
      join(dir, "keys/gate-signing.key"),
      "--root",
      dir,
    ]);
    expect(signed.exitCode).toBe(0);
    const envelope = JSON.parse(readFileSync(join(dir, "bundle.dsse.json"), "utf8"));
    const publicKey = sigstoreCrypto.createPublicKey(
      readFileSync(join(dir, "keys/gate-signing.pub"), "utf8"),
    );
    const signedBytes = sigstoreDsse.preAuthEncoding(
      envelope.payloadType,
      Buffer.from(envelope.payload, "base64"),
    );
    const [signature] = envelope.signatures;
    expect(sigstoreCrypto.verify(signedBytes, publicKey, Buffer.from(signature.sig, "base64"))).toBe(true);
    // A payload changed after signing fails there too: the check is not a no-op.
    const tampered = sigstoreDsse.preAuthEncoding(envelope.payloadType, Buffer.from("{}"));
    expect(sigstoreCrypto.verify(tampered, publicKey, Buffer.from(signature.sig, "base64"))).toBe(false);
  });

  it("an envelope made with sigstore's encoding verifies with ours", async () => {
    await execa("node", [GATE, "evidence", "keygen", "--out-dir", join(dir, "theirs")]);
    const privateKey = ed25519Key(readFileSync(join(dir, "theirs/gate-signing.key")), "private");
    const publicKey = ed25519Key(readFileSync(join(dir, "theirs/gate-signing.pub")), "public");
    const payload = Buffer.from(JSON.stringify({ _type: "https://in-toto.io/Statement/v1", subject: [] }));
    const payloadType = "application/vnd.in-toto+json";
    const sig = sign(null, sigstoreDsse.preAuthEncoding(payloadType, payload), privateKey);
    const envelope = {
      payloadType,
      payload: payload.toString("base64"),
      signatures: [{ keyid: "", sig: sig.toString("base64") }],
    };
    expect(openEnvelope(envelope, publicKey).equals(payload)).toBe(true);
  });
});
