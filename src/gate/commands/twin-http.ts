import {
  apiUrlOption,
  CliError,
  CREDENTIAL_OPTIONS,
  type OptionSpec,
  UserError,
  type Values,
} from "../../cli/index.js";

/**
 * What every twin control command takes: where the twin is, and its credentials. The controls talk HTTP to
 * `/__twin/…` under the URL `twin serve` prints, so they work against any running twin, in this process or not.
 */
export const TWIN_OPTIONS: readonly OptionSpec[] = [
  apiUrlOption("the twin's API URL, as twin serve prints it"),
  ...CREDENTIAL_OPTIONS,
  { name: "json", description: "print the twin's answer as JSON" },
];

const WHERE = "pass --api-url URL or export NEMESIS_API_URL (throughput-gate twin serve prints the line)";

/** The twin's control URL for `path` (under /__twin), from the API URL the user gave. */
export function controlUrl(apiUrl: string, path: string): URL {
  return new URL(`${apiUrl.replace(/\/+$/, "")}/__twin/${path}`);
}

/**
 * One call to a twin control; returns the parsed answer. The twin's refusal of a value is the user's to fix
 * (exit 2); anything else, an unreachable twin included, is a failure (exit 1).
 */
export async function twinRequest(
  options: Values,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const apiUrl = options["api-url"];
  if (typeof apiUrl !== "string") throw new UserError(`no twin to talk to: ${WHERE}`);
  const url = controlUrl(apiUrl, path);
  const authorization =
    typeof options.token === "string"
      ? `Bearer ${options.token}`
      : `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
  const headers: Record<string, string> = { authorization, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new CliError(`cannot reach the twin at ${url.origin} (${code}); ${WHERE}`, 1);
  }
  const text = await res.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new CliError(`${url.origin} answered HTTP ${res.status} without JSON; is it the twin?`, 1);
  }
  if (res.ok) return answer;
  const error = (answer as { error?: { message?: string; code?: string } }).error;
  const message = `${error?.message ?? "the twin gave no message"} (HTTP ${res.status}${error?.code ? ` ${error.code}` : ""})`;
  if (res.status === 400) throw new UserError(message);
  if (res.status === 404) throw new CliError(`${message}; is ${apiUrl} the twin?`, 1);
  throw new CliError(message, 1);
}

/** Prints the answer as JSON under --json, else the one line given. */
export function report(options: Values, answer: unknown, line: string): number {
  console.log(options.json === true ? JSON.stringify(answer, null, 2) : line);
  return 0;
}
