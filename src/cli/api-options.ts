import type { OptionSpec } from "./spec.js";

/** `--api-url`, read from NEMESIS_API_URL as nemesis-ctl reads it; `description` says what the URL is for here. */
export const apiUrlOption = (description: string) =>
  ({
    name: "api-url",
    value: "url",
    placeholder: "URL",
    env: "NEMESIS_API_URL",
    description,
  }) as const satisfies OptionSpec;

/**
 * The Nemesis API's credentials, declared once for every command that calls the API: nemesis-ctl's globals, conform
 * and the twin controls. Flags, else the environment; Nemesis's own n:n by default.
 */
export const CREDENTIAL_OPTIONS = [
  {
    name: "user",
    value: "text",
    placeholder: "USER",
    env: "NEMESIS_API_USER",
    default: "n",
    description: "HTTP Basic user",
  },
  {
    name: "password",
    value: "text",
    placeholder: "PASSWORD",
    env: "NEMESIS_API_PASSWORD",
    default: "n",
    description: "HTTP Basic password",
  },
  {
    name: "token",
    value: "text",
    placeholder: "TOKEN",
    env: "NEMESIS_API_TOKEN",
    description: "bearer token; used instead of --user/--password",
  },
] as const satisfies readonly OptionSpec[];
