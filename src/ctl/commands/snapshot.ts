import { errnoCode } from "../../common/errors.js";
import { checkWriteTarget, FileKindError } from "../../common/file-kind.js";
import type { Status } from "../../contract/index.js";
import { command } from "../command.js";
import { CtlError } from "../errors.js";
import { stableJson } from "../output.js";
import { EXIT } from "../spec.js";
import { STATUS } from "./paths.js";

export const SNAPSHOT_KIND = "nemesis-ctl/status-snapshot@1";

export const snapshot = command({
  name: "throughput snapshot",
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
  async run({ options }, ctx) {
    const file = String(options.out);
    // Before the API is asked: a target that can never be written is refused without a request.
    checkSnapshotTarget(file);
    const client = await ctx.client();
    const { body } = await client.get<Status>(STATUS);
    const document = {
      kind: SNAPSHOT_KIND,
      taken_at: body.timestamp,
      api_url: client.apiUrl,
      cli_version: ctx.version,
      status: body,
    };
    await writeSnapshot(file, stableJson(document));
    ctx.out.write(
      ctx.json ? stableJson({ written: file, taken_at: body.timestamp }) : `snapshot written to ${file}\n`,
    );
    return EXIT.ok;
  },
});

function checkSnapshotTarget(file: string): void {
  try {
    checkWriteTarget(file);
  } catch (err) {
    if (err instanceof FileKindError) throw new CtlError(err.message, EXIT.usage);
    throw err;
  }
}

/**
 * The target is either whole or untouched: a failed write leaves no partial snapshot and no temporary file. A
 * target that is not a regular file (a device, a FIFO, a folder, a symbolic link) is the operator's to fix.
 */
async function writeSnapshot(file: string, text: string): Promise<void> {
  // Loaded here, not at start-up: the atomic write needs node:crypto, which no other command does.
  const { writeFileAtomic } = await import("../../common/atomic-write.js");
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    if (err instanceof FileKindError) throw new CtlError(err.message, EXIT.usage);
    throw new CtlError(`cannot write ${file} (${errnoCode(err) ?? "error"})`, EXIT.api);
  }
}
