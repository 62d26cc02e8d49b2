import { validateArgv } from "../../ctl/index.js";
import { invocations } from "../commands.js";
import { finding } from "./rule.js";
/** Every documented nemesis-ctl call must parse with the CLI's own command tree. Nothing is executed. */
export const commandAlignment = {
  id: "command-alignment",
  check(ctx) {
    return invocations(ctx.doc).flatMap((call) => {
      const result = validateArgv(call.argv, ctx.commandLimits);
      return result.ok
        ? []
        : [finding(ctx, this.id, call.line, `"${call.text}": ${result.message}`, call.column)];
    });
  },
};
