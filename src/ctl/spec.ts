/**
 * The command tree's vocabulary. Commands are declared as data with these types; help, parsing and the docs
 * checker's validation of documented commands all read the same declarations.
 */
import type {
  BuiltinType,
  BuiltinTypes,
  ArgumentSpec as CliArgumentSpec,
  CommandSpec as CliCommandSpec,
  OptionSpec as CliOptionSpec,
} from "../cli/index.js";

/**
 * The shared value types (`timeout` among them) plus nemesis-ctl's own; `ttl` is a DURATION no longer than the
 * longest override TTL; `interval` is seconds bounded well below what a Node timer holds (about 24.8 days).
 */
export type ValueType = BuiltinType | "preset" | "duration" | "ttl" | "interval";
/** The longest --watch interval, in seconds: a day. */
export const MAX_WATCH_SECONDS = 86_400;
export type OptionSpec = CliOptionSpec<ValueType>;
export type ArgumentSpec = CliArgumentSpec<ValueType>;
export type { Value } from "../cli/index.js";

/** Exit codes, as documented in --help and in the usage guide. */
export const EXIT = {
  ok: 0,
  api: 1,
  usage: 2,
  conflict: 3,
  auth: 4,
  unreachable: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP: readonly [number, string][] = [
  [EXIT.ok, "ok"],
  [EXIT.api, "the API refused or failed"],
  [EXIT.usage, "usage error"],
  [EXIT.conflict, "conflict (HTTP 409 or 412)"],
  [EXIT.auth, "auth (HTTP 401 or 403)"],
  [EXIT.unreachable, "unreachable or timed out"],
];

export interface Output {
  /** Colour is on only for a terminal, and never with --no-color or NO_COLOR. */
  color: boolean;
  /** Whether stdout is a terminal, and its width when it is one and says so. */
  isTTY: boolean;
  columns?: number;
  write(text: string): void;
}

export interface ApiReply<T = unknown> {
  status: number;
  etag: string | null;
  body: T;
}

export interface ApiClient {
  /** The API base URL, without credentials. */
  readonly apiUrl: string;
  /** A read: retried a bounded number of times on 5xx and connection resets. */
  get<T>(path: string, query?: Record<string, string>): Promise<ApiReply<T>>;
  /** A write: sent once, never retried blindly. */
  send<T>(method: "PUT" | "POST" | "DELETE", path: string, body: unknown): Promise<ApiReply<T>>;
}

/** What every handler is handed besides its parsed arguments and options. */
export interface RunContext {
  json: boolean;
  out: Output;
  version: string;
  /** The environment the CLI runs in: where the config file is, and the variables a context names. */
  env: Readonly<Record<string, string | undefined>>;
  client(): Promise<ApiClient>;
  /** The wall clock, injected at the edge: --watch stamps each frame with the time it was read. */
  now(): Date;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); used by --watch. */
  stopped: Promise<void>;
}

/** Each value type's parsed TypeScript type: nemesis-ctl's own are seconds (numbers) or a preset name. */
export type CtlTypes = BuiltinTypes & {
  readonly preset: string;
  readonly duration: number;
  readonly ttl: number;
  readonly interval: number;
};

export type CommandSpec = CliCommandSpec<ValueType, RunContext>;
