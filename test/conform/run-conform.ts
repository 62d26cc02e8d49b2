import { execa } from "execa";
import { builtBin } from "../cli.js";

/** `throughput-gate conform ARGV` as a user runs it: the built CLI, a clean environment, no colour. */
export const conform = (argv: string[], env: Record<string, string> = {}) =>
  execa("node", [builtBin("gate/cli.js"), "conform", ...argv], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...env },
  });
