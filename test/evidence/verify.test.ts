import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/common/index.js";
import {
  bundleStatement,
  generateSigningKeys,
  INTOTO_PAYLOAD_TYPE,
  readBundle,
  readEnvelope,
  readSigningKey,
  signatureProblems,
  signEnvelope,
} from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";
import { smallBundle } from "./small-bundle.js";

const dir = tempDir("evidence-verify-files");

const fileWith = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** A sealed bundle written to a file, and a key pair written beside it. */
function signedSetUp(name: string) {
  const bundleFile = fileWith(`${name}.bundle.json`, JSON.stringify(smallBundle(dir, [])));
  const { bytes, bundle } = readBundle(bundleFile);
  const keys = generateSigningKeys();
  const privateKey = readSigningKey(fileWith(`${name}.key`, keys.privateKey), "private");
  const pubFile = fileWith(`${name}.pub`, keys.publicKey);
  const sign = (subjectBytes: Buffer) =>
    signEnvelope(
      Buffer.from(JSON.stringify(bundleStatement(bundle, bundleFile, subjectBytes))),
      INTOTO_PAYLOAD_TYPE,
      privateKey,
    );
  return { bundleFile, bytes, bundle, pubFile, sign };
}

describe("reading a bundle, an envelope and a key at the edge", () => {
  it("reads a sealed bundle with its very bytes", () => {
    const text = JSON.stringify(smallBundle(dir, []));
    const { bytes, bundle } = readBundle(fileWith("intact.json", text));
    expect(bytes.toString("utf8")).toBe(text);
    expect(bundle.deterministic.gate.name).toBe("test");
  });

  it.each([
    ["null", "null"],
    ["a list", "[]"],
    ["a bundle with a number for its deterministic part", '{"deterministic": 5}'],
  ])("refuses JSON that is no bundle (%s) in one line naming the file, as a UserError", (_, text) => {
    const file = fileWith("no-bundle.json", text);
    expect(() => readBundle(file)).toThrow(UserError);
    expect(() => readBundle(file)).toThrow(new RegExp(`^${file}: not a gate bundle: `));
  });

  it("names where a bundle's JSON breaks without quoting it", () => {
    const file = fileWith("broken.json", '{"secret": \n');
    expect(() => readBundle(file)).toThrow(/the bundle is not valid JSON: .*line 2/);
    expect(() => readBundle(file)).not.toThrow(/secret/);
  });

  it("refuses an envelope of another shape", () => {
    const file = fileWith("envelope.json", '{"payload": ""}');
    expect(() => readEnvelope(file)).toThrow(/not a DSSE envelope/);
  });

  it("refuses a file that holds no key of the kind asked for", () => {
    const { publicKey } = generateSigningKeys();
    const file = fileWith("public-as-private.key", publicKey);
    expect(() => readSigningKey(file, "private")).toThrow(UserError);
  });
});

describe("signatureProblems", () => {
  it("finds none when the envelope signs these bundle bytes with the key", () => {
    const s = signedSetUp("signed");
    const envelope = fileWith("signed.dsse.json", JSON.stringify(s.sign(s.bytes)));
    expect(signatureProblems(s.bundleFile, s.bytes, s.bundle, envelope, s.pubFile)).toEqual([]);
  });

  it("names a missing envelope", () => {
    const s = signedSetUp("unsigned");
    const envelope = join(dir, "absent.dsse.json");
    expect(signatureProblems(s.bundleFile, s.bytes, s.bundle, envelope, s.pubFile)).toEqual([
      `signature: ${envelope} is missing`,
    ]);
  });

  it("names an envelope that signs other bundle bytes", () => {
    const s = signedSetUp("other");
    const envelope = fileWith("other.dsse.json", JSON.stringify(s.sign(Buffer.from("another bundle"))));
    expect(signatureProblems(s.bundleFile, s.bytes, s.bundle, envelope, s.pubFile)).toEqual([
      expect.stringMatching(/signs another bundle \(sha256 [0-9a-f]{64}\)$/),
    ]);
  });

  it("names a signature made with another key", () => {
    const s = signedSetUp("wrong-key");
    const envelope = fileWith("wrong-key.dsse.json", JSON.stringify(s.sign(s.bytes)));
    const otherPub = fileWith("stranger.pub", generateSigningKeys().publicKey);
    expect(signatureProblems(s.bundleFile, s.bytes, s.bundle, envelope, otherPub)).toEqual([
      expect.stringMatching(/the signature does not verify with the given public key/),
    ]);
  });
});
