import { describe, expect, it } from "vitest";
import { errnoCode, errorMessage, isJsonObject } from "../../src/common/index.js";

describe("errorMessage", () => {
  it("is an Error's own message, or the thrown value as text", () => {
    expect(errorMessage(new TypeError("bad"))).toBe("bad");
    expect(errorMessage({ message: "from another realm" })).toBe("from another realm");
    expect(errorMessage("plain")).toBe("plain");
    expect(errorMessage(null)).toBe("null");
    expect(errorMessage({ message: 5 })).toBe("[object Object]");
  });
});

describe("errnoCode", () => {
  it("is the system's code where the thrown value has one as text", () => {
    expect(errnoCode(Object.assign(new Error("x"), { code: "ENOENT" }))).toBe("ENOENT");
    expect(errnoCode(new Error("x"))).toBeUndefined();
    expect(errnoCode({ code: 2 })).toBeUndefined();
    expect(errnoCode(undefined)).toBeUndefined();
  });
});

describe("isJsonObject", () => {
  it("takes an object, not null, a list or a scalar", () => {
    expect(isJsonObject({ a: 1 })).toBe(true);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject([1])).toBe(false);
    expect(isJsonObject("x")).toBe(false);
  });
});
