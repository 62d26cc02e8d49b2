#!/usr/bin/env node
import { existsSync } from "node:fs";
import { CliError, helpHint, packageVersion, runMain, UsageError } from "../cli/index.js";
import { escapeForTerminal } from "../common/index.js";
import { configPath } from "./config-path.js";
import { helpText } from "./help.js";
import { type Parsed, parseArgv } from "./parse.js";
import { type ApiClient, EXIT, type RunContext } from "./spec.js";
import { COMMAND_TREE, PROGRAM } from "./tree.js";

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
  return parseArgv(COMMAND_TREE, argv, { env: process.env, fallbacks: context.fallbacks, fallbackSource });
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    let parsed = parseArgv(COMMAND_TREE, argv, { env: process.env });
    if (parsed.kind === "version") {
      process.stdout.write(`${PROGRAM} ${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (parsed.kind === "help") {
      process.stdout.write(`${helpText(COMMAND_TREE, parsed.group, parsed.command)}\n`);
      return EXIT.ok;
    }
    if (!parsed.group.local) parsed = await withContext(argv, parsed);
    if (parsed.kind !== "run") return EXIT.usage;
    const { options } = parsed;
    const ctx: RunContext = {
      args: parsed.args,
      options,
      json: options.json === true,
      out: {
        color: process.stdout.isTTY === true && options["no-color"] !== true,
        isTTY: process.stdout.isTTY === true,
        columns: process.stdout.columns,
        write: (text) => process.stdout.write(text),
      },
      version: packageVersion(),
      env: process.env,
      now: () => new Date(),
      stopped: options.watch === undefined ? new Promise(() => {}) : stopSignal(),
      client: async (): Promise<ApiClient> => {
        const { createClient } = await import("./client.js");
        return createClient({
          apiUrl: String(options["api-url"]),
          user: String(options.user),
          password: String(options.password),
          token: options.token === undefined ? undefined : String(options.token),
          caFile: options["ca-file"] === undefined ? undefined : String(options["ca-file"]),
          insecure: options.insecure === true,
          timeoutSeconds: Number(options.timeout),
          onRetry: debug
            ? (n, why) => process.stderr.write(`${PROGRAM}: retry ${n} after ${why}\n`)
            : undefined,
        });
      },
    };
    return await parsed.command.run(ctx);
  } catch (err) {
    if (debug) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    if (err instanceof CliError) {
      const hint = err instanceof UsageError ? helpHint(err.message, PROGRAM) : "";
      // Messages may quote the server or the command line: one inert line whatever they hold.
      process.stderr.write(`${PROGRAM}: ${escapeForTerminal(err.message)}${hint}\n`);
      return err.exitCode;
    }
    process.stderr.write(
      `${PROGRAM}: unexpected error: ${escapeForTerminal(String((err as Error)?.message))}; rerun with --debug for details\n`,
    );
    return EXIT.api;
  }
}

runMain(main);
