import {
  ApiError,
  type ApiProblem,
  type ApiClient as ContractClient,
  createApiClient,
  credentialsOf,
  oneLine,
} from "../api-client/index.js";
import { CtlError } from "./errors.js";
import { type ApiClient, EXIT, type ExitCode } from "./spec.js";

export interface ClientOptions {
  apiUrl: string;
  user: string;
  password: string;
  token?: string;
  caFile?: string;
  insecure: boolean;
  timeoutSeconds: number;
  /** Called before each retry, for --debug. */
  onRetry?: (attempt: number, reason: string) => void;
}

/** The codes the API uses for input it could not accept: the operator's input, so a usage error. */
const INPUT_CODES = new Set([
  "unknown_preset",
  "invalid_ttl",
  "ttl_too_long",
  "empty_reason",
  "invalid_request",
]);

/** Nothing answers where the CLI looked: most often the API lives elsewhere, so say how to point it there. */
const WHERE_HINT = "; set the API base URL with --api-url URL or NEMESIS_API_URL";

type Refusal = Extract<ApiProblem, { status: number; code: string }>;

/** The API's refusal in its own words, with the exit code the usage guide documents for it. */
function refusal(problem: Refusal): CtlError {
  const message = problem.message || oneLine(problem.text) || "the API gave no message";
  let exit: ExitCode = EXIT.api;
  if (problem.kind === "auth") exit = EXIT.auth;
  else if (problem.kind === "conflict") exit = EXIT.conflict;
  else if (problem.kind === "invalid" && INPUT_CODES.has(problem.code)) exit = EXIT.usage;
  const hint = exit === EXIT.auth ? "; check --user/--password or --token" : "";
  const code = problem.code ? ` ${problem.code}` : "";
  return new CtlError(`${message} (HTTP ${problem.status}${code})${hint}`, exit);
}

function unreachable(problem: Extract<ApiProblem, { kind: "unreachable" }>, origin: string): string {
  switch (problem.reason) {
    case "tls":
      return `TLS verification failed for ${origin} (${problem.code}); pass --ca-file FILE`;
    case "refused":
      return `cannot reach ${origin}: connection refused${WHERE_HINT}`;
    case "unknown-host":
      return `cannot reach ${origin}: unknown host${WHERE_HINT}`;
    default:
      return `cannot reach ${origin}: ${problem.detail}`;
  }
}

/** nemesis-ctl's words and exit code for each way a call fails, as --help and the usage guide document them. */
function forOperator(err: ApiError): CtlError {
  const { problem, call } = err;
  const origin = call?.origin ?? "";
  switch (problem.kind) {
    case "setup":
      return new CtlError(
        problem.file === undefined
          ? problem.detail
          : `cannot read --ca-file ${problem.file} (${problem.code})`,
        EXIT.usage,
      );
    case "unreachable":
      return new CtlError(unreachable(problem, origin), EXIT.unreachable);
    case "reset":
      return new CtlError(`the connection to ${origin} was reset`, EXIT.unreachable);
    case "timeout":
      // Headers that came and a body that stalled are told apart: the server is there, but its answer is not.
      return new CtlError(
        problem.phase === "body" ? err.message : `no answer from ${origin} within ${problem.seconds}s`,
        EXIT.unreachable,
      );
    case "cut-short":
      return new CtlError("the API's answer was cut short", EXIT.api);
    case "too-large":
      return new CtlError(
        `the API's answer is larger than ${problem.maxBytes / (1024 * 1024)} MB, the most nemesis-ctl reads`,
        EXIT.api,
      );
    case "redirect": {
      const to = problem.location ? ` to ${problem.location}` : "";
      return new CtlError(
        `the API answered HTTP ${problem.status} (a redirect${to}); nemesis-ctl follows no redirects, check --api-url`,
        EXIT.api,
      );
    }
    case "bad-json":
      return new CtlError(`the API answered HTTP ${problem.status} with malformed JSON`, EXIT.api);
    case "contract-violation":
      return new CtlError(
        `the API's answer to ${call?.method} ${call?.path} breaks the contract: ${problem.violation}`,
        EXIT.api,
      );
    default:
      return refusal(problem);
  }
}

/**
 * The API client nemesis-ctl's commands use: the shared client with every answer held to the contract, and each
 * failure turned into nemesis-ctl's message and exit code.
 */
export function createClient(options: ClientOptions): ApiClient {
  const operatorError = (err: unknown): unknown => (err instanceof ApiError ? forOperator(err) : err);
  let client: ContractClient;
  try {
    client = createApiClient({
      baseUrl: options.apiUrl,
      credentials: credentialsOf(options),
      caFile: options.caFile,
      insecure: options.insecure,
      timeoutSeconds: options.timeoutSeconds,
      onRetry: options.onRetry,
      checkContract: true,
    });
  } catch (err) {
    throw operatorError(err);
  }
  return {
    apiUrl: client.baseUrl,
    async get<T>(path: string, query?: Record<string, string>) {
      try {
        return await client.call<T>("GET", path, { query });
      } catch (err) {
        throw operatorError(err);
      }
    },
    async send<T>(method: "PUT" | "POST" | "DELETE", path: string, body: unknown) {
      try {
        return await client.call<T>(method, path, { body });
      } catch (err) {
        throw operatorError(err);
      }
    },
  };
}
