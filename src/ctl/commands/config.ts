import { redactUrl } from "../../common/redact-url.js";
import { command } from "../command.js";
import { configPath } from "../config-path.js";
import { stableJson, table } from "../output.js";
import { EXIT } from "../spec.js";

export const getContexts = command({
  name: "config get-contexts",
  summary: "List the contexts of the config file; * marks the one in force.",
  args: [],
  options: [],
  local: true,
  examples: ["nemesis-ctl config get-contexts", "nemesis-ctl config get-contexts --json"],
  async run({ options }, ctx) {
    const { loadConfig } = await import("../config.js");
    const file = configPath(ctx.env);
    const config = loadConfig(file);
    const current = options.context === undefined ? config?.["current-context"] : String(options.context);
    if (ctx.json) {
      ctx.out.write(stableJson({ file, current_context: current ?? null, contexts: config?.contexts ?? {} }));
      return EXIT.ok;
    }
    const names = Object.keys(config?.contexts ?? {});
    if (!config || names.length === 0) {
      ctx.out.write(`no contexts: ${file} ${config ? "declares none" : "does not exist"}\n`);
      return EXIT.ok;
    }
    const rows = names.map((name) => {
      const c = config.contexts[name] ?? {};
      const secret = c["token-env"]
        ? `token from ${c["token-env"]}`
        : c["password-env"]
          ? `password from ${c["password-env"]}`
          : "-";
      return [
        name === current ? "*" : "",
        name,
        c["api-url"] === undefined ? "-" : redactUrl(c["api-url"]),
        c.user ?? "-",
        c["ca-file"] ?? "-",
        secret,
      ];
    });
    ctx.out.write(
      `${table(["CURRENT", "NAME", "API URL", "USER", "CA FILE", "SECRET"], rows, Number.POSITIVE_INFINITY)}\n`,
    );
    return EXIT.ok;
  },
});

export const useContext = command({
  name: "config use-context",
  summary: "Make NAME the config file's current context.",
  args: [{ name: "name", value: "name", required: true, description: "a context of the config file" }],
  options: [],
  local: true,
  examples: ["nemesis-ctl config use-context prod"],
  async run({ args }, ctx) {
    const { useContext: use } = await import("../config.js");
    const name = String(args.name);
    use(configPath(ctx.env), name);
    ctx.out.write(ctx.json ? stableJson({ current_context: name }) : `switched to context "${name}"\n`);
    return EXIT.ok;
  },
});
