import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { validateArgv } from "../../src/ctl/index.js";
import { translateLegacy } from "../../src/docs-check/index.js";

const translate = (line: string) => translateLegacy(line.split(" "));

describe("the old Bash tool's calls, translated with nemesis-ctl's command tree", () => {
  it.each([
    ["throughput-policy --policy-status", "nemesis-ctl throughput status"],
    ["throughput-policy --policy-set aggressive", "nemesis-ctl throughput set aggressive --reason TEXT"],
    ["throughput-policy --policy-set=conservative", "nemesis-ctl throughput set conservative --reason TEXT"],
    ["throughput-policy --policy-set", "nemesis-ctl throughput set PRESET --reason TEXT"],
    [
      "throughput-policy --policy-override aggressive --ttl 90m",
      "nemesis-ctl throughput override aggressive --ttl 90m --reason TEXT",
    ],
    [
      "throughput-policy --policy-override",
      "nemesis-ctl throughput override PRESET --ttl DURATION --reason TEXT",
    ],
    ["throughput-policy --policy-clear --reason=done", "nemesis-ctl throughput clear --reason done"],
    [
      "--api-url https://nemesis:7443/api throughput-policy --policy-status --json",
      "nemesis-ctl throughput status --api-url https://nemesis:7443/api --json",
    ],
  ])("%s → %s", (legacy, replacement) => {
    expect(translate(legacy)).toEqual({ replacement, dropped: [] });
  });

  it("names the options that have no equivalent", () => {
    expect(translate("throughput-policy --policy-set balanced --verbose --host ops1")).toEqual({
      replacement: "nemesis-ctl throughput set balanced --reason TEXT",
      dropped: ["--verbose", "--host ops1"],
    });
  });

  it("has no replacement for a call that is not a throughput-policy action", () => {
    expect(translate("throughput-policy --policy-frobnicate").replacement).toBeNull();
    expect(translate("queues --list").replacement).toBeNull();
  });

  it("suggests commands that nemesis-ctl accepts once the placeholders are filled", () => {
    for (const legacy of [
      "throughput-policy --policy-status",
      "throughput-policy --policy-set aggressive",
      "throughput-policy --policy-override aggressive",
      "throughput-policy --policy-clear",
    ]) {
      const filled = (translate(legacy).replacement ?? "")
        .replace("TEXT", '"a reason"')
        .replace("DURATION", "20m");
      const argv = (parse(filled) as string[]).slice(1);
      expect(validateArgv(argv), filled).toEqual({ ok: true });
    }
  });
});
