/**
 * Type tests, checked by `npm run typecheck` (tsc includes test/); nothing here runs. A handler's input is typed
 * from its command's declarations: renaming an option, changing its value type or dropping its default changes
 * what the handler sees, and a handler reading an undeclared option does not compile.
 */
import { expectTypeOf } from "vitest";
import { BUILTIN_TYPES, type BuiltinTypes, commandDeclarer, type OptionSpec } from "../../src/cli/index.js";

const GLOBALS = [{ name: "debug", description: "stack traces" }] as const satisfies readonly OptionSpec[];
const command = commandDeclarer<BuiltinTypes, typeof GLOBALS>();

command({
  name: "serve",
  summary: "a test command",
  args: [
    { name: "target", value: "url", required: true, description: "where" },
    { name: "extra", value: "file", required: false, description: "more", many: true },
  ],
  options: [
    { name: "port", value: "port", default: "0", description: "a port" },
    { name: "timeout", value: "timeout", description: "seconds" },
    { name: "reason", value: "text", required: true, description: "why" },
    { name: "json", description: "a flag" },
    { name: "defect", value: "text", many: true, description: "many" },
    { name: "format", value: "text", choices: ["text", "json"], default: "text", description: "a choice" },
  ],
  async run({ args, options }) {
    expectTypeOf(args.target).toEqualTypeOf<string>();
    expectTypeOf(args.extra).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(options.port).toEqualTypeOf<number>();
    expectTypeOf(options.timeout).toEqualTypeOf<number | undefined>();
    expectTypeOf(options.reason).toEqualTypeOf<string>();
    expectTypeOf(options.json).toEqualTypeOf<true | undefined>();
    expectTypeOf(options.defect).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(options.debug).toEqualTypeOf<true | undefined>();
    expectTypeOf(options.format).toEqualTypeOf<"text" | "json">();
    // @ts-expect-error: an option the command does not declare is not there to read.
    void options.nonsense;
    return 0;
  },
});

expectTypeOf(BUILTIN_TYPES.port).returns.toEqualTypeOf<number | { error: string }>();
