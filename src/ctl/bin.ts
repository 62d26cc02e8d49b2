#!/usr/bin/env node
/**
 * nemesis-ctl's bin (dist/ctl/main.cjs): runs the CLI's bundle (dist/ctl/nemesis-ctl.cjs, built from main.ts) from
 * the code cache the build made for it, so an operator's every call skips compiling the same code again.
 */
import { fileURLToPath } from "node:url";
import { runWithCodeCache } from "../common/code-cache.js";

runWithCodeCache(fileURLToPath(new URL("./nemesis-ctl.cjs", import.meta.url)));
