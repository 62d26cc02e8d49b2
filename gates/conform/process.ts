import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A process the harness started, with everything it printed so far. */
export interface StartedProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` and waits until its output matches `ready`; the match is returned with the process. A process
 * that exits or stays silent past `timeoutMs` is stopped and reported with the tail of what it printed.
 */
export async function startUntil(
  command: string,
  args: readonly string[],
  ready: RegExp,
  options: { cwd: string; timeoutMs: number },
): Promise<{ process: StartedProcess; match: RegExpMatchArray }> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started: StartedProcess = {
    child,
    output: () => printed,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killLater = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killLater);
    },
  };
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${command} printed no ready line in ${options.timeoutMs} ms: ${tail(printed)}`)),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      printed += chunk.toString("utf8");
      const found = printed.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${signal ?? code}) before it was ready: ${tail(printed)}`));
    });
  }).catch(async (error: unknown) => {
    await started.stop();
    throw error;
  });
  return { process: started, match };
}

/** Runs a command to its end and hands back its exit code and everything it printed, interleaved. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number },
): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString("utf8");
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  return { exitCode, output };
}

/** A port free right now on loopback, for a tool that cannot pick its own and print it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("loopback gave no port");
  return address.port;
}

export const tail = (text: string, chars = 400): string => text.slice(-chars).replace(/\s+/g, " ").trim();
