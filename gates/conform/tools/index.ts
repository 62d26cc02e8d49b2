/** Every tool the comparison runs, in column order. A new tool is one file here and one line in this list. */
import { conform } from "./conform.js";
import { conformSchemaOnly } from "./conform-schema-only.js";
import { dredd } from "./dredd.js";
import { prism } from "./prism.js";
import type { ConformTool } from "./tool.js";

export type { Availability, ConformTool, HarnessContext, ToolRun } from "./tool.js";

export const TOOLS: readonly ConformTool[] = [prism, dredd, conform, conformSchemaOnly];
