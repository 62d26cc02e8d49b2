import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  envelopeProblem,
  INTOTO_PAYLOAD_TYPE,
  MAX_SIGNATURES,
  openEnvelope,
  preAuthEncoding,
  signEnvelope,
} from "../../src/evidence/index.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const payload = Buffer.from('{"_type": "https://in-toto.io/Statement/v1"}');

describe("DSSE envelopes as verify reads them", () => {
  it("opens an envelope of our payload type signed by the key", () => {
    expect(
      openEnvelope(signEnvelope(payload, INTOTO_PAYLOAD_TYPE, privateKey), publicKey).equals(payload),
    ).toBe(true);
  });

  it("refuses another payload type, naming both, though its signature is good", () => {
    const envelope = signEnvelope(payload, "application/json", privateKey);
    expect(() => openEnvelope(envelope, publicKey)).toThrow(
      'payloadType is "application/json", not "application/vnd.in-toto+json"',
    );
  });

  it.each([
    ["null", null],
    ["a list", []],
    ["a number", 5],
    [
      "a payload that is a number",
      { payloadType: INTOTO_PAYLOAD_TYPE, payload: 1, signatures: [{ sig: "" }] },
    ],
    ["no payloadType", { payload: "", signatures: [{ sig: "" }] }],
    ["no signatures", { payloadType: INTOTO_PAYLOAD_TYPE, payload: "", signatures: [] }],
    ["a signature that is no object", { payloadType: INTOTO_PAYLOAD_TYPE, payload: "", signatures: [5] }],
    [
      "a keyid that is a number",
      { payloadType: INTOTO_PAYLOAD_TYPE, payload: "", signatures: [{ keyid: 1, sig: "" }] },
    ],
  ])("no envelope: %s", (_, value) => {
    expect(envelopeProblem(value)).toMatch(/^not a DSSE envelope/);
    expect(() => openEnvelope(value, publicKey)).toThrow(/^not a DSSE envelope/);
  });

  it(`refuses more than ${MAX_SIGNATURES} signatures before checking any`, () => {
    const sig = sign(null, preAuthEncoding(INTOTO_PAYLOAD_TYPE, payload), privateKey).toString("base64");
    const envelope = {
      payloadType: INTOTO_PAYLOAD_TYPE,
      payload: payload.toString("base64"),
      signatures: Array.from({ length: MAX_SIGNATURES + 1 }, () => ({ keyid: "", sig })),
    };
    expect(envelopeProblem(envelope)).toBe(`17 signatures, more than the 16 an envelope may carry`);
    envelope.signatures.pop();
    expect(envelopeProblem(envelope)).toBeUndefined();
  });
});
