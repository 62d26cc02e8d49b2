import { existsSync } from "node:fs";
import { nearest, UserError } from "../cli/index.js";
import { readJsonFile, writeFileAtomic } from "../common/index.js";
import { validateCtlConfig } from "./validators.generated.js";

export interface ContextSpec {
  "api-url"?: string;
  user?: string;
  "ca-file"?: string;
  "password-env"?: string;
  "token-env"?: string;
}

export interface CtlConfig {
  "current-context"?: string;
  contexts: Record<string, ContextSpec>;
}

/** A key that would hold a secret itself; `password-env` and `token-env` name a variable instead. */
const SECRET_KEY = /(password|passwd|token|secret|credential|api-?key)$/i;

/** The first key, at any depth, that holds a secret, as a JSON path. */
function secretKey(value: unknown, path = "$"): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (SECRET_KEY.test(key)) return here;
    const deeper = secretKey(inner, here);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The config file, checked: undefined when there is none. A secret in it, or a malformed one, is refused. */
export function loadConfig(file: string): CtlConfig | undefined {
  if (!existsSync(file)) return undefined;
  const raw = readJsonFile(file, { what: "nemesis-ctl config", error: UserError });
  const secret = secretKey(raw);
  if (secret) {
    const name = secret.split(".").at(-1) ?? "";
    throw new UserError(
      `${file}: ${secret} holds a secret; keep secrets out of the config: put it in an environment variable and name that variable with "${/token/i.test(name) ? "token" : "password"}-env"`,
    );
  }
  if (!validateCtlConfig(raw)) {
    const [first] = validateCtlConfig.errors ?? [];
    const at = `$${(first?.instancePath ?? "").replaceAll("/", ".")}`;
    throw new UserError(`${file}: ${at}: ${first?.message ?? "does not match the config schema"}`);
  }
  return raw;
}

/** The context named, from its config; an unknown name is refused with the nearest one. */
export function findContext(config: CtlConfig | undefined, name: string, file: string): ContextSpec {
  if (!config) throw new UserError(`no context "${name}": ${file} does not exist`);
  const names = Object.keys(config.contexts);
  const spec = Object.hasOwn(config.contexts, name) ? config.contexts[name] : undefined;
  if (spec) return spec;
  const near = nearest(name, names);
  const hint = near ? `did you mean "${near}"?` : `contexts: ${names.join(", ") || "none"}`;
  throw new UserError(`unknown context "${name}" in ${file}; ${hint}`);
}

/** A context's values as the fallbacks of the connection options; a secret variable that is unset is an error. */
export type Fallbacks = Record<string, string | { error: string }>;

/**
 * The fallbacks of the context in force: `wanted` (from --context or NEMESIS_CONTEXT), else the file's
 * current-context, else none.
 */
export function contextFallbacks(
  file: string,
  wanted: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { name: string; fallbacks: Fallbacks } | undefined {
  const config = loadConfig(file);
  const name = wanted ?? config?.["current-context"];
  if (name === undefined) return undefined;
  const spec = findContext(config, name, file);
  const fallbacks: Fallbacks = {};
  for (const key of ["api-url", "user", "ca-file"] as const) {
    const value = spec[key];
    if (value !== undefined) fallbacks[key] = value;
  }
  for (const [key, option] of [
    ["password-env", "password"],
    ["token-env", "token"],
  ] as const) {
    const variable = spec[key];
    if (variable === undefined) continue;
    const value = env[variable];
    fallbacks[option] =
      value === undefined || value === ""
        ? { error: `context "${name}" reads the ${option} from ${variable}, which is not set` }
        : value;
  }
  return { name, fallbacks };
}

/** Makes `name` the file's current context, keeping everything else as it was. */
export function useContext(file: string, name: string): void {
  const config = loadConfig(file);
  findContext(config, name, file);
  writeFileAtomic(file, `${JSON.stringify({ ...config, "current-context": name }, null, 2)}\n`);
}
