import { ApiError, type ApiProblem, createApiClient, credentialsOf } from "../../api-client/index.js";
import {
  apiUrlOption,
  CliError,
  CREDENTIAL_OPTIONS,
  type OptionSpec,
  UserError,
  type Values,
} from "../../cli/index.js";
import { redactUrl } from "../../common/index.js";

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

type Refusal = Extract<ApiProblem, { json: boolean }>;

const notTheTwin = (origin: string | undefined, status: number) =>
  new CliError(`${origin} answered HTTP ${status} without JSON; is it the twin?`, 1);

/** The twin's refusal in its own words: a value it refused is the user's to fix (exit 2), anything else exit 1. */
function refused(problem: Refusal, origin: string | undefined, apiUrl: string): CliError {
  if (!problem.json) return notTheTwin(origin, problem.status);
  const code = problem.code ? ` ${problem.code}` : "";
  const message = `${problem.message || "the twin gave no message"} (HTTP ${problem.status}${code})`;
  if (problem.status === 400) return new UserError(message);
  if (problem.status === 404) return new CliError(`${message}; is ${redactUrl(apiUrl)} the twin?`, 1);
  return new CliError(message, 1);
}

/** The client's failure as the twin commands word it; every one names the call or the twin, and no credential. */
function controlError(err: ApiError, apiUrl: string): CliError {
  const { problem, call } = err;
  switch (problem.kind) {
    case "setup":
      return new UserError(problem.detail);
    case "unreachable":
      return new CliError(
        `cannot reach the twin at ${call?.origin} (${problem.code || problem.detail}); ${WHERE}`,
        1,
      );
    case "bad-json":
      return notTheTwin(call?.origin, problem.status);
    case "auth":
    case "conflict":
    case "not-found":
    case "invalid":
    case "api":
      return refused(problem, call?.origin, apiUrl);
    default:
      return new CliError(err.message, 1);
  }
}

/**
 * One call to a twin control (`path` under /__twin, with any query) at the API URL the user gave; returns the
 * parsed answer. The twin's refusal of a value is the user's to fix (exit 2); anything else, an unreachable twin
 * included, is a failure (exit 1).
 */
export async function twinRequest(
  options: Values,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const apiUrl = options["api-url"];
  if (typeof apiUrl !== "string") throw new UserError(`no twin to talk to: ${WHERE}`);
  try {
    const client = createApiClient({
      baseUrl: apiUrl,
      credentials: credentialsOf({
        user: String(options.user),
        password: String(options.password),
        token: typeof options.token === "string" ? options.token : undefined,
      }),
      timeoutSeconds: Number(options.timeout ?? DEFAULT_TWIN_TIMEOUT_SECONDS),
    });
    return (await client.call(method, `/__twin/${path}`, { body })).body;
  } catch (err) {
    throw err instanceof ApiError ? controlError(err, apiUrl) : err;
  }
}

/** Prints the answer as JSON under --json, else the one line given. */
export function report(options: Values, answer: unknown, line: string): number {
  console.log(options.json === true ? JSON.stringify(answer, null, 2) : line);
  return 0;
}
