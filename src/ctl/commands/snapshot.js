import { CtlError } from "../errors.js";
import { stableJson } from "../output.js";
import { EXIT } from "../spec.js";
import { STATUS } from "./paths.js";
export const SNAPSHOT_KIND = "nemesis-ctl/status-snapshot@1";
export const snapshot = {
  name: "snapshot",
  summary: "Write a status snapshot for evidence: the status, when, from where, and the CLI version.",
  args: [],
  options: [
    {
      name: "out",
      value: "file",
      placeholder: "FILE",
      required: true,
      description: "where to write it (atomically)",
    },
  ],
  examples: ["nemesis-ctl throughput snapshot --out evidence/out/status-before.json"],
  async run(ctx) {
    const client = await ctx.client();
    const { body } = await client.get(STATUS);
    const document = {
      kind: SNAPSHOT_KIND,
      taken_at: body.timestamp,
      api_url: client.apiUrl,
      cli_version: ctx.version,
      status: body,
    };
    const file = String(ctx.options.out);
    await writeAtomically(file, stableJson(document));
    ctx.out.write(
      ctx.json ? stableJson({ written: file, taken_at: body.timestamp }) : `snapshot written to ${file}\n`,
    );
    return EXIT.ok;
  },
};
/** A temporary file beside the target, then a rename: the target is either whole or untouched. */
async function writeAtomically(file, text) {
  const { rename, rm, writeFile } = await import("node:fs/promises");
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw new CtlError(`cannot write ${file} (${err.code ?? "error"})`, EXIT.api);
  }
}
