// Loaded with `node --import` by the hostile suites: at exit, writes the process's peak resident set size (KB) to
// the file HOSTILE_RSS_FILE names, so a test can bound the memory a CLI run took.
import { writeFileSync } from "node:fs";

const out = process.env.HOSTILE_RSS_FILE;
if (out) process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
