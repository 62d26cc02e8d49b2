/** The drain collector's calls, through the shared API client: it talks to the twin or a live API the same way. */
import {
  ApiError,
  type Credentials,
  createApiClient,
  credentialsOf,
  type HttpMethod,
} from "../api-client/index.js";
import { CREDENTIAL_OPTIONS, type OptionSpec } from "../cli/index.js";
import { UserError } from "../common/index.js";

export interface ApiTarget {
  /** The API base, e.g. http://127.0.0.1:4321/api */
  url: string;
  user?: string;
  password?: string;
  token?: string;
  /** Give up on a call after this long, body included; the client's default unless set. */
  timeoutSeconds?: number;
}

/** The largest answer read, and how long a call may take unless the target says: the client's, as every caller's. */
export { DEFAULT_TIMEOUT_SECONDS, MAX_RESPONSE_BYTES } from "../api-client/index.js";

export class DrainError extends UserError {
  override name = "DrainError";
}

/** The default every CLI declares for a credential option: the gate's twins and Nemesis itself ship with it. */
const declaredDefault = (name: string): string => {
  const option: OptionSpec<string> | undefined = CREDENTIAL_OPTIONS.find((o) => o.name === name);
  return option?.default ?? "";
};

/** The target's credentials, each one it leaves out taken from the declared defaults, as the CLIs take them. */
function credentialsFor(target: ApiTarget): Credentials {
  return credentialsOf({
    user: target.user ?? declaredDefault("user"),
    password: target.password ?? declaredDefault("password"),
    token: target.token,
  });
}

/** The twin's control routes live at the server root, beside /api. */
export function twinUrl(target: ApiTarget, path: string): string {
  return new URL(path, target.url).href;
}

/** The client's failure as the collector words it: the call, and what went wrong with it. */
function drainError(err: ApiError): DrainError {
  const { problem, call } = err;
  if (problem.kind === "unreachable" && call) {
    return new DrainError(`cannot reach ${call.origin}: ${problem.code || problem.detail}`);
  }
  if (problem.kind === "too-large") return new DrainError(`${err.message}, the most read`);
  return new DrainError(err.message);
}

/** One call to `address` (an API or twin-control URL), returning its JSON answer; any failure is a DrainError. */
export async function callJson<T>(
  target: ApiTarget,
  method: HttpMethod,
  address: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(address);
  try {
    const client = createApiClient({
      baseUrl: url.origin,
      credentials: credentialsFor(target),
      timeoutSeconds: target.timeoutSeconds,
    });
    return (await client.call<T>(method, `${url.pathname}${url.search}`, { body })).body;
  } catch (err) {
    throw err instanceof ApiError ? drainError(err) : err;
  }
}
