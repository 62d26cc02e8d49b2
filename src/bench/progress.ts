/** Progress is for a person at a terminal: never in CI, never into a pipe or a file. */
export function showProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.CI !== "true" && env.CI !== "1";
}

export interface Progress {
  update(text: string): void;
  done(): void;
}

export function progressOn(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!showProgress(stream, env)) return { update: () => {}, done: () => {} };
  return {
    update: (text) => stream.write(`\r\u001b[2K${text}`),
    done: () => stream.write("\r\u001b[2K"),
  };
}
