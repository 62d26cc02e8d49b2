import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = "src/conform";
/** What conform may import from other parts: their public faces only, and never the twin or nemesis-ctl. */
const ALLOWED = [
  "src/policy/index.ts",
  "src/contract/index.ts",
  "src/common/index.ts",
  "src/cli/index.ts",
  "src/api-client/index.ts",
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("src/conform talks HTTP only", () => {
  it("imports no part but the policy engine, the contract, the API client, common and cli, each through its index", () => {
    const outside = files(ROOT).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)].flatMap(([, spec = ""]) => {
        const target = relative(process.cwd(), resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
        return target.startsWith(`${ROOT}/`) || ALLOWED.includes(target) ? [] : [`${file}: ${spec}`];
      }),
    );
    expect(outside).toEqual([]);
  });
});
