/**
 * The one client for the Nemesis API: the base URL (credentials in it dropped and never shown), the credentials,
 * TLS trust, one timeout over the whole answer, the 8 MB cap on a body, bounded retries for reads, If-Match for
 * writes, and one error, `ApiError`, whose `kind` each caller maps to its own exit codes and words. Methods are typed
 * over the contract's paths. It imports the contract and common only.
 */

export { MAX_RESPONSE_BYTES } from "../common/capped-body.js";
export {
  type ApiClient,
  type ApiClientOptions,
  type ApiReply,
  type CallOptions,
  type Credentials,
  createApiClient,
  credentialsOf,
  DEFAULT_TIMEOUT_SECONDS,
  type ExchangeOptions,
  type HttpMethod,
  type Query,
  type RawReply,
  READ_ATTEMPTS,
  type WriteOptions,
} from "./client.js";
export {
  type ApiCall,
  ApiError,
  type ApiErrorKind,
  type ApiProblem,
  oneLine,
  type RefusalKind,
} from "./problem.js";
export type { AnswerOf, ContractMethod, PathsWith, QueryOf, RequestOf } from "./typed.js";
