import { commandDeclarer } from "../cli/index.js";
import type { GLOBAL_OPTIONS } from "./globals.js";
import type { CtlTypes, RunContext } from "./spec.js";

/** Declares a nemesis-ctl command: its handler's arguments and options are typed from its declarations. */
export const command = commandDeclarer<CtlTypes, typeof GLOBAL_OPTIONS, RunContext>();
