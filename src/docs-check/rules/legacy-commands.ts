import { invocations, LEGACY_NEMESIS_CTL } from "../commands.js";
import { translateLegacy } from "../legacy.js";
import { type DocsRule, finding } from "./rule.js";

/**
 * Calls of the old Bash tool, `nemesis-ctl.sh throughput-policy --policy-…`, in fences or inline code. Each is
 * flagged with the nemesis-ctl command that replaces it, so the findings double as a migration guide.
 */
export const legacyCommands: DocsRule = {
  id: "legacy-command",
  check(ctx) {
    return invocations(ctx.doc, LEGACY_NEMESIS_CTL).map((call) => {
      const { replacement, dropped } = translateLegacy(call.argv);
      const instead = replacement
        ? `use "${replacement}"${dropped.length ? `; ${dropped.join(", ")} has no equivalent` : ""}`
        : `nemesis-ctl.sh is replaced by nemesis-ctl; see "nemesis-ctl throughput --help"`;
      return finding(ctx, this.id, call.line, `legacy command "${call.text}": ${instead}`, call.column);
    });
  },
};
