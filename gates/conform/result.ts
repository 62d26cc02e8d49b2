/** The comparison's result, as `evidence/out/conform-compare.json` holds it and the table renders it. */

/** What a row runs against: the healthy twin, or the twin with one defect switched on. */
export interface Target {
  name: string;
  defect: string | null;
}

export const HEALTHY: Target = { name: "healthy", defect: null };

export type CellStatus = "caught" | "missed" | "error" | "not run";

export interface Cell {
  status: CellStatus;
  /** The first violation that counted, the error, or why the tool did not run; one line. */
  detail: string | null;
  /** Violations that counted, and those our deliberately bad requests provoked. */
  counted: number;
  expected: number;
  seconds: number;
  /**
   * Whether the tool's findings on this defect differ from its findings on the healthy twin: with false alarms,
   * a "caught" means something only when they do. Null on the healthy row and when either side did not run.
   */
  differs_from_healthy?: boolean | null;
}

export interface ToolColumn {
  name: string;
  version: string | null;
  runnable: boolean;
  /** Why the tool cannot run, exactly as it failed. */
  reason: string | null;
  /** Wall time over all rows, including each row's tool start; the install is not counted. */
  seconds: number;
}

export interface Row {
  target: string;
  defect: string | null;
  cells: Record<string, Cell>;
}

export interface CompareResult {
  contract: string;
  traffic_steps: number;
  tools: ToolColumn[];
  rows: Row[];
}
