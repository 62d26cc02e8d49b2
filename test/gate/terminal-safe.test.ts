import { describe, expect, it } from "vitest";
import { say, withTerminalSafeErrors } from "../../src/gate/terminal-safe.js";

describe("inert output of the evidence commands", () => {
  it("shows escape codes in an error's message as text, keeping the error", async () => {
    const failing = withTerminalSafeErrors(async () => {
      throw new RangeError("bundle \u001b[2Jname");
    });
    await expect(failing).rejects.toThrow(RangeError);
    await expect(
      withTerminalSafeErrors(async () => {
        throw new Error("bundle \u001b[2Jname");
      }),
    ).rejects.toThrow("bundle \\u001b[2Jname");
  });

  it("passes the exit code of a command that succeeds", async () => {
    expect(await withTerminalSafeErrors(async () => 3)).toBe(3);
  });

  it("writes one line with its control characters shown inert", () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    say(stream, "a\nforged line");
    expect(written).toEqual(["a\\nforged line\n"]);
  });
});
