import { execa, type ResultPromise } from "execa";
import { builtBin } from "../cli.js";

export interface ServedTwin {
  proc: ResultPromise;
  /** The API base, as the twin announces it. */
  url: string;
  /** Everything it printed up to the line waited for. */
  printed: string;
}

/**
 * Starts `throughput-gate twin serve ARGS` as its own process, the way a user runs it, and waits for `until` in
 * what it prints (by default its listening line).
 */
export async function serveTwin(
  args: string[] = [],
  until = /^twin listening on \S+$/m,
): Promise<ServedTwin> {
  const proc = execa("node", [builtBin("gate/cli.js"), "twin", "serve", ...args], { reject: false });
  let printed = "";
  await new Promise<void>((done, fail) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      if (until.test(printed)) done();
    });
    proc.once("exit", () => fail(new Error(`twin serve ended before printing ${until}:\n${printed}`)));
  });
  const url = /^twin listening on (\S+)$/m.exec(printed)?.[1] ?? "";
  return { proc, url, printed };
}
