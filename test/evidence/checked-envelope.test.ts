import { describe, expect, it } from "vitest";
import { checkedEnvelope } from "../../src/evidence/signing.js";

describe("checkedEnvelope", () => {
  it("gives the envelope typed, a signature without a keyid included", () => {
    const value = {
      payloadType: "t",
      payload: "cA==",
      signatures: [{ sig: "AA==" }, { keyid: "k", sig: "AQ==" }],
    };
    expect(checkedEnvelope(value)).toEqual({ envelope: value });
  });

  it("says why a value is no envelope", () => {
    expect(checkedEnvelope({ payloadType: "t", payload: "", signatures: [{ keyid: 1, sig: "" }] })).toEqual({
      problem:
        "not a DSSE envelope (an object with payloadType, payload and signatures): signatures[0].keyid is not a string",
    });
  });
});
