import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../src/common/index.js";

describe("GitHub workflow-command escaping", () => {
  it("escapes %, CR and LF in the message", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
  });

  it("escapes : and , in properties as well", () => {
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("leaves : and , of a message as they are", () => {
    expect(escapeData("sure, yes: ok")).toBe("sure, yes: ok");
  });
});
