import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { authenticator } from "../../src/twin/auth.js";

const authenticate = authenticator({
  users: { n: "n", ops: "pa:ss wörd", "a:b": "c" },
  tokens: { s3cret: "ci-bot", other: "", "two words": "spaced" },
});

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;
const asked = (authorization: string | undefined) =>
  authenticate({ headers: { authorization } } as IncomingMessage);

describe("authenticator", () => {
  it.each([
    ["the shipped pair", basic("n:n"), "n"],
    ["a password with a colon, a space and a non-ASCII letter", basic("ops:pa:ss wörd"), "ops"],
    ["the scheme in any case", basic("n:n").replace("Basic", "bAsIc"), "n"],
    ["a third word after the credentials", `${basic("n:n")} extra`, "n"],
    ["a configured token", "Bearer s3cret", "ci-bot"],
    ["a token configured with an empty actor name", "bearer other", ""],
  ])("accepts %s", (_label, header, actor) => {
    expect(asked(header)).toBe(actor);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["a scheme alone", "Basic"],
    ["two spaces before the credentials", basic("n:n").replace(" ", "  ")],
    ["a wrong password", basic("n:x")],
    ["a password one byte longer", basic("n:nn")],
    ["an empty password", basic("n:")],
    ["no colon", basic("nn")],
    ["an unknown user", basic("root:n")],
    ["a user named after an Object.prototype member", basic("constructor:x")],
    ["a user named __proto__", basic("__proto__:x")],
    [
      "a password that is not UTF-8",
      `Basic ${Buffer.concat([Buffer.from("ops:"), Buffer.from([0xff])]).toString("base64")}`,
    ],
    ["an unknown token", "Bearer nope"],
    ["a token as a Basic password", basic("n:s3cret")],
    ["an unknown scheme", "Digest n:n"],
    ["a configured user whose name has a colon", basic("a:b:c")],
    ["a configured token with a space in it", "Bearer two words"],
  ])("refuses %s", (_label, header) => {
    expect(asked(header)).toBeNull();
  });

  it("refuses a password that decodes only as Latin-1 to the configured one", () => {
    const latin1 = Buffer.from("ops:pa:ss wörd", "latin1").toString("base64");
    expect(asked(`Basic ${latin1}`)).toBeNull();
  });
});
