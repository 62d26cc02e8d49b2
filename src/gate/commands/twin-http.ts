import {
  apiUrlOption,
  CliError,
  CREDENTIAL_OPTIONS,
  type OptionSpec,
  UserError,
  type Values,
} from "../../cli/index.js";
import {
  bodyTimeoutMessage,
  callName,
  fetchFailure,
  ResponseTooLarge,
  readCappedText,
  redactUrl,
  withoutUserinfo,
} from "../../common/index.js";

/** How long a control call may take, body included, unless --timeout says otherwise: a day's clock move runs its whole simulation before it answers. */
export const DEFAULT_TWIN_TIMEOUT_SECONDS = 60;

/**
 * What every twin control command takes: where the twin is, and its credentials. The controls talk HTTP to
 * `/__twin/…` under the URL `twin serve` prints, so they work against any running twin, in this process or not.
 */
export const TWIN_OPTIONS: readonly OptionSpec[] = [
  apiUrlOption("the twin's API URL, as twin serve prints it"),
  ...CREDENTIAL_OPTIONS,
  {
    name: "timeout",
    value: "timeout",
    placeholder: "S",
    default: String(DEFAULT_TWIN_TIMEOUT_SECONDS),
    description: "give up on a call to the twin after this many seconds, its answer's body included",
  },
  { name: "json", description: "print the twin's answer as JSON" },
];

const WHERE = "pass --api-url URL or export NEMESIS_API_URL (throughput-gate twin serve prints the line)";

/**
 * The twin's control URL for `path` (under /__twin), from the API URL the user gave. Without its userinfo: the
 * credentials go in the Authorization header, and fetch refuses a URL that carries them.
 */
export function controlUrl(apiUrl: string, path: string): URL {
  return withoutUserinfo(`${apiUrl.replace(/\/+$/, "")}/__twin/${path}`);
}

function authorization(options: Values): string {
  return typeof options.token === "string"
    ? `Bearer ${options.token}`
    : `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
}

/** Sends the call; a twin that cannot be reached or sends no headers in time is a failure (exit 1). */
async function send(
  method: string,
  url: URL,
  init: RequestInit & { signal: AbortSignal },
  seconds: number,
): Promise<Response> {
  try {
    return await fetch(url, { method, ...init });
  } catch (err) {
    if (init.signal.aborted) throw new CliError(`${callName(method, url)}: no answer within ${seconds} s`, 1);
    throw new CliError(`cannot reach the twin at ${url.origin} (${fetchFailure(err)}); ${WHERE}`, 1);
  }
}

/** The answer's body, read with the cap every client here keeps, and within the call's timeout. */
async function bodyOf(res: Response, method: string, url: URL, signal: AbortSignal, seconds: number) {
  try {
    return await readCappedText(res);
  } catch (err) {
    if (err instanceof ResponseTooLarge) throw new CliError(`${callName(method, url)}: ${err.message}`, 1);
    if (signal.aborted) throw new CliError(bodyTimeoutMessage(method, url, seconds), 1);
    throw new CliError(`${callName(method, url)}: the answer was cut short`, 1);
  }
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
  const headers: Record<string, string> = {
    authorization: authorization(options),
    accept: "application/json",
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const seconds = Number(options.timeout ?? DEFAULT_TWIN_TIMEOUT_SECONDS);
  // One signal for the whole call: a twin that sends its headers and then stalls the body is cut off too.
  const signal = AbortSignal.timeout(seconds * 1000);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const res = await send(method, url, { headers, body: payload, signal }, seconds);
  const text = await bodyOf(res, method, url, signal, seconds);
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
  if (res.status === 404) throw new CliError(`${message}; is ${redactUrl(apiUrl)} the twin?`, 1);
  throw new CliError(message, 1);
}

/** Prints the answer as JSON under --json, else the one line given. */
export function report(options: Values, answer: unknown, line: string): number {
  console.log(options.json === true ? JSON.stringify(answer, null, 2) : line);
  return 0;
}
