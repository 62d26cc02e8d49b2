#!/usr/bin/env node
// `npm run gate`: builds, then runs `throughput-gate run` with any arguments given after `--`.
// Exit 0 pass, 1 fail, 2 usage or configuration error.
import { $ } from "zx";

$.verbose = false;
const build = await $({ nothrow: true, stdio: "inherit" })`npm run build --silent`;
if (build.exitCode !== 0) {
  console.error("gate: could not run: the build failed");
  process.exit(2);
}
const gate = await $({ nothrow: true, stdio: "inherit" })`node dist/gate/cli.js run ${process.argv.slice(2)}`;
process.exit(gate.exitCode ?? 2);
