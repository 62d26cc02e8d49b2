import { readFileSync } from "node:fs";
import type { BenchSuite } from "../../src/bench/suite.js";
import type * as DocsCheck from "../../src/docs-check/index.js";

const suite: BenchSuite = {
  name: "docs",
  async tasks(load, context) {
    const docs = await load<typeof DocsCheck>("docs-check/index.js");
    // A large runbook: the usage guide five times over, about 1,600 lines (once, when instructions are counted).
    const guide = readFileSync("docs/usage_guide.md", "utf8");
    const copies = context?.metric === "instructions" ? 1 : 5;
    const large = Array.from({ length: copies }, (_, i) => guide.replace(/^# /m, `# Part ${i} `)).join("\n");
    const spec = { path: "large.md", min_lines: 220, headings: ["Exit codes"], trigger_ids_in: "Exit codes" };
    return [
      {
        name: "check a large runbook",
        fn: () => docs.checkMarkdown("large.md", large, spec, { triggerIds: ["RT-STATE-DRIFT"] }),
      },
    ];
  },
};
export default suite;
