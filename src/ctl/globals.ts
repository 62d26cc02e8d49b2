import { CREDENTIAL_OPTIONS } from "../cli/index.js";
import type { OptionSpec } from "./spec.js";

/** Options every command takes, each with its environment variable where one exists. */
export const GLOBAL_OPTIONS = [
  {
    name: "context",
    value: "name",
    placeholder: "NAME",
    env: "NEMESIS_CONTEXT",
    description: "use this context of the config file (see nemesis-ctl config get-contexts)",
  },
  {
    name: "api-url",
    value: "url",
    placeholder: "URL",
    env: "NEMESIS_API_URL",
    default: "https://nemesis:7443/api",
    description: "the Nemesis API base URL",
  },
  ...CREDENTIAL_OPTIONS,
  { name: "ca-file", value: "file", placeholder: "FILE", description: "trust this CA bundle for HTTPS" },
  { name: "insecure", description: "skip TLS certificate checks (explicit only, never the default)" },
  {
    name: "timeout",
    value: "timeout",
    placeholder: "SECONDS",
    default: "10",
    description: "give up after this long (at most 3600)",
  },
  { name: "no-color", env: "NO_COLOR", description: "plain output without colour" },
  { name: "json", description: "print JSON instead of tables" },
  { name: "debug", description: "print stack traces and HTTP details on errors" },
  { name: "help", description: "show help" },
] as const satisfies readonly OptionSpec[];
