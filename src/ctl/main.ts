#!/usr/bin/env node
import { existsSync } from "node:fs";
import {
  CliError,
  helpFor,
  helpHint,
  helpTarget,
  packageVersion,
  runMain,
  UsageError,
} from "../cli/index.js";
import { errorMessage } from "../common/errors.js";
import { escapeForTerminal } from "../common/terminal.js";
import { configPath } from "./config-path.js";
import { type Parsed, parseArgv } from "./parse.js";
import { type ApiClient, EXIT, type RunContext } from "./spec.js";
import { nemesisCtl, PROGRAM } from "./tree.js";

/** Resolves on the first SIGINT or SIGTERM. Only --watch asks for it, so Ctrl-C ends anything else at once. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

/**
 * Parses again with the named context's values under the flags and the environment: flag > env > context > default.
 * The config is read only when there is one or a context is asked for, so a plain run imports nothing more.
 */
async function withContext(argv: string[], parsed: Parsed & { kind: "run" }): Promise<Parsed> {
  const file = configPath(process.env);
  const wanted = parsed.options.context === undefined ? undefined : String(parsed.options.context);
  if (wanted === undefined && !existsSync(file)) return parsed;
  const { contextFallbacks } = await import("./config.js");
  const context = contextFallbacks(file, wanted, process.env);
  if (!context) return parsed;
  const fallbackSource = `context "${context.name}"`;
  return parseArgv(argv, { env: process.env, fallbacks: context.fallbacks, fallbackSource });
}

function runContext(options: Parsed & { kind: "run" }, debug: boolean): RunContext {
  const { options: o } = options;
  return {
    json: o.json === true,
    out: {
      color: process.stdout.isTTY === true && o["no-color"] !== true,
      isTTY: process.stdout.isTTY === true,
      columns: process.stdout.columns,
      write: (text) => process.stdout.write(text),
    },
    // Only a snapshot records the version; a getter spares every other command reading package.json.
    get version() {
      return packageVersion();
    },
    env: process.env,
    now: () => new Date(),
    stopped: o.watch === undefined ? new Promise(() => {}) : stopSignal(),
    client: async (): Promise<ApiClient> => {
      const { createClient } = await import("./client.js");
      return createClient({
        apiUrl: String(o["api-url"]),
        user: String(o.user),
        password: String(o.password),
        token: o.token === undefined ? undefined : String(o.token),
        caFile: o["ca-file"] === undefined ? undefined : String(o["ca-file"]),
        insecure: o.insecure === true,
        timeoutSeconds: Number(o.timeout),
        onRetry: debug
          ? (n, why) => process.stderr.write(`${PROGRAM}: retry ${n} after ${why}\n`)
          : undefined,
      });
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    let parsed = parseArgv(argv, { env: process.env });
    if (parsed.kind === "version") {
      process.stdout.write(`${PROGRAM} ${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (parsed.kind === "help") {
      process.stdout.write(`${helpFor(nemesisCtl(), parsed)}\n`);
      return EXIT.ok;
    }
    if (!parsed.command.local) parsed = await withContext(argv, parsed);
    if (parsed.kind !== "run") return EXIT.usage;
    return await parsed.command.run(parsed, runContext(parsed, debug));
  } catch (err) {
    if (debug) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    if (err instanceof CliError) {
      const hint = err instanceof UsageError ? helpHint(err.message, helpTarget(nemesisCtl(), argv)) : "";
      // Messages may quote the server or the command line: one inert line whatever they hold.
      process.stderr.write(`${PROGRAM}: ${escapeForTerminal(err.message)}${hint}\n`);
      return err.exitCode;
    }
    process.stderr.write(
      `${PROGRAM}: unexpected error: ${escapeForTerminal(errorMessage(err))}; rerun with --debug for details\n`,
    );
    return EXIT.api;
  }
}

runMain(main);
