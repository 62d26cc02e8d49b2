import { isJsonObject } from "../common/index.js";
import type { Status } from "../contract/index.js";
import type { Catalog } from "../policy/index.js";
import {
  bodyAs,
  type CheckMode,
  ConformFailure,
  errorBodyProblems,
  etagProblems,
  schemaProblems,
} from "./checks.js";
import { type CallOptions, POLICY, type Reply, type Target } from "./client.js";
import { catalogFromContract, epochOf, type HistoryRow, type Model, modelFromStatus } from "./model.js";

const START_REASON = "conformance run: start of a sequence";

/** The clock a `/__twin` control answers with, when its body carries one. */
const epochSecondsOf = (body: unknown): number | undefined =>
  isJsonObject(body) && typeof body.epoch_seconds === "number" ? body.epoch_seconds : undefined;

/**
 * One conformance run against one target: the calls, the checks that follow each, the target's clock, and how a
 * sequence starts from a known state. Every check goes through here, so the mode decides what counts.
 */
export class Session {
  /** The target's clock as last seen, in epoch seconds. */
  now = 0;

  private constructor(
    readonly target: Target,
    readonly mode: CheckMode,
    readonly catalog: Catalog,
    /** The target serves the twin's `/__twin` clock and telemetry controls. */
    readonly twinControls: boolean,
  ) {}

  static async open(target: Target, mode: CheckMode): Promise<Session> {
    const clock = await target.call("GET", "/__twin/clock");
    const twin = clock.status === 200 && epochSecondsOf(clock.body) !== undefined;
    const presets = await target.call("GET", `${POLICY}/presets`);
    const problems = schemaProblems("GET", `${POLICY}/presets`, presets);
    const catalog = presets.status === 200 ? bodyAs(presets.body, "PresetCatalog") : null;
    if (!catalog || problems.length > 0) {
      // A 404 here is most often a URL without the API's base path, not a server that breaks the contract.
      const hint =
        presets.status === 404 ? "; is --api-url the API's base, as twin serve prints it (…/api)?" : "";
      throw new ConformFailure(
        `cannot read the catalog: ${problems[0] ?? `GET ${POLICY}/presets answered HTTP ${presets.status}`}${hint}`,
      );
    }
    return new Session(target, mode, catalogFromContract(catalog), twin);
  }

  get full(): boolean {
    return this.mode === "full";
  }

  /** One call, its answer held to the contract's schema at once (every mode checks that). */
  async send(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const reply = await this.target.call(method, path, options);
    this.fail(schemaProblems(method, path, reply));
    return reply;
  }

  /** Fails with the first problem. Schema problems count in every mode. */
  fail(problems: readonly string[]): void {
    if (problems.length > 0) throw new ConformFailure(problems.join("; "));
  }

  /** Fails with the first problem, but only in full mode: the model and invariants are not schema checks. */
  check(problems: readonly string[]): void {
    if (this.full) this.fail(problems);
  }

  /** The contract's status for this call, and the error body's shape for a refusal. Full mode only. */
  expectStatus(reply: Reply, want: number, what: string): void {
    if (!this.full) return;
    if (reply.status !== want) {
      const error = isJsonObject(reply.body) && isJsonObject(reply.body.error) ? reply.body.error : undefined;
      const code = error?.code;
      throw new ConformFailure(
        `${what}: HTTP ${reply.status}${code ? ` ${code}` : ""}, the contract says ${want}`,
      );
    }
    if (want >= 400) this.fail(errorBodyProblems(reply).map((p) => `${what}: ${p}`));
  }

  /** A status answer's ETag against its version. Full mode only. */
  checkEtag(reply: Reply, status: Status): void {
    this.check(etagProblems(reply, status.version));
  }

  /** The clock an answer was given at: the twin's clock, else the answer's own timestamp, else the last seen. */
  observe(timestamp: string | undefined): number {
    if (!this.twinControls && timestamp !== undefined && Number.isFinite(Date.parse(timestamp))) {
      this.now = epochOf(timestamp);
    }
    return this.now;
  }

  /** Moves the twin's clock; returns the new time. */
  async advance(seconds: number): Promise<number> {
    const reply = await this.target.call("POST", "/__twin/clock/advance", { body: { seconds } });
    const now = epochSecondsOf(reply.body);
    if (reply.status !== 200 || now === undefined) {
      throw new ConformFailure(`POST /__twin/clock/advance answered HTTP ${reply.status}`);
    }
    this.now = now;
    return now;
  }

  async telemetry(mode: "ok" | "stale" | "failing"): Promise<void> {
    const reply = await this.target.call("POST", "/__twin/telemetry", { body: { mode } });
    if (reply.status !== 200)
      throw new ConformFailure(`POST /__twin/telemetry answered HTTP ${reply.status}`);
  }

  /** GET status, held to the contract's 200. */
  async status(query?: Record<string, string>): Promise<{ reply: Reply; status: Status }> {
    const reply = await this.send("GET", `${POLICY}/status`, { query });
    if (reply.status !== 200) throw new ConformFailure(`GET status answered HTTP ${reply.status}, not 200`);
    const status = bodyAs(reply.body, "Status");
    if (!status) throw new ConformFailure("GET status answered HTTP 200 with a body that is no Status");
    this.observe(status.timestamp);
    return { reply, status };
  }

  async history(): Promise<HistoryRow[]> {
    const reply = await this.send("GET", `${POLICY}/history`);
    if (reply.status !== 200) throw new ConformFailure(`GET history answered HTTP ${reply.status}, not 200`);
    const history = bodyAs(reply.body, "History");
    if (!history) throw new ConformFailure("GET history answered HTTP 200 with a body that is no History");
    return history.entries;
  }

  /**
   * Brings the target to a known state and reads it into a model: the twin is reset; a live server is reverted
   * to its known-good preset, and the model starts from what it then reports.
   */
  async start(): Promise<Model> {
    if (this.twinControls) {
      const reply = await this.target.call("POST", "/__twin/reset");
      const now = epochSecondsOf(reply.body);
      if (reply.status !== 200 || now === undefined) {
        throw new ConformFailure(`POST /__twin/reset answered HTTP ${reply.status}`);
      }
      this.now = now;
    } else {
      const reply = await this.send("POST", `${POLICY}/revert`, { body: { reason: START_REASON } });
      if (reply.status !== 200) {
        throw new ConformFailure(`the revert that starts a sequence answered HTTP ${reply.status}, not 200`);
      }
    }
    const { status } = await this.status();
    const history = await this.history();
    return modelFromStatus(
      this.catalog,
      { ...status, timestamp: new Date(this.now * 1000).toISOString() },
      history.length,
    );
  }
}
