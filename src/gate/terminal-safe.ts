import { escapeForTerminal } from "../common/index.js";

/**
 * Runs a command with every error's message made inert for a terminal: the messages name files and inputs the
 * user (or a crafted bundle) chose, and the CLI prints them as they are.
 */
export async function withTerminalSafeErrors(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error) err.message = escapeForTerminal(err.message);
    throw err;
  }
}

/** One line of human output, with anything a file name or a bundle put in it shown inert. */
export function say(stream: NodeJS.WriteStream, line: string): void {
  stream.write(`${escapeForTerminal(line)}\n`);
}
