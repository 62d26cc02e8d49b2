/** One check inside a step, as JUnit and annotations show it. */
export interface Check {
  name: string;
  pass: boolean;
  message: string;
  file?: string;
  line?: number;
}

/** pass/fail are verdicts; error means the step could not run, which fails the gate just the same. */
export type StepStatus = "pass" | "fail" | "error" | "skipped";

/** The measured part of a step that measures nothing. */
export type NoMeasurements = Record<never, never>;

/** What a step that could not run records in place of a part: at most why, and none of the part's fields. */
export type NoResult<Part> = { error?: string } & { [Field in keyof Part]?: never };

/**
 * One step's outcome. `deterministic` goes into the digest; `measured` (timings, noisy measurements, environment)
 * is kept apart from it. A step that could not run has none of its usual fields, so `result.deterministic.runs`
 * reads as the typed runs or undefined, never as an unchecked cast.
 */
export type StepResult<Deterministic = unknown, Measured = unknown> =
  | {
      status: Exclude<StepStatus, "error">;
      summary: string;
      checks: Check[];
      deterministic: Deterministic;
      measured: Measured;
    }
  | {
      status: "error";
      summary: string;
      checks: Check[];
      deterministic: NoResult<Deterministic>;
      measured: NoResult<Measured>;
    };

/** The result of a step that could not run, whichever step it is. */
export type StepError = Extract<StepResult, { status: "error" }>;
