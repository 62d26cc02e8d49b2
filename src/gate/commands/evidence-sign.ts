import { dirname, join } from "node:path";
import { UserError } from "../../cli/index.js";
import { readRegularFile, writeFileAtomic } from "../../common/index.js";
import {
  type Bundle,
  bundleStatement,
  ed25519Key,
  INTOTO_PAYLOAD_TYPE,
  signEnvelope,
} from "../../evidence/index.js";
import type { GateCommand } from "./command.js";

export const ENVELOPE_FILE = "bundle.dsse.json";

/** The bytes of a file the user named, and a key read from them: any problem is theirs to fix, exit 2. */
export function readKey(file: string, kind: "private" | "public") {
  const pem = readRegularFile(file, { what: `${kind} key`, error: UserError, maxBytes: 64 * 1024 });
  try {
    return ed25519Key(pem, kind);
  } catch (err) {
    throw new UserError(`${file}: ${(err as Error).message}`);
  }
}

/** The bundle's bytes and the bundle they parse to. */
export function readBundle(file: string): { bytes: Buffer; bundle: Bundle } {
  const bytes = readRegularFile(file, { what: "bundle", error: UserError });
  try {
    return { bytes, bundle: JSON.parse(bytes.toString("utf8")) as Bundle };
  } catch (err) {
    throw new UserError(`${file}: the bundle is not valid JSON: ${(err as Error).message}`);
  }
}

export const evidenceSign: GateCommand = {
  name: "evidence sign",
  summary: `Sign a bundle: a DSSE envelope (${ENVELOPE_FILE} beside it) over an in-toto statement whose subject is the bundle file, with an Ed25519 key. Exit 0, or 2 for an unreadable bundle or key.`,
  args: [{ name: "bundle", value: "file", required: true, description: "the bundle.json to sign" }],
  options: [
    {
      name: "key",
      value: "file",
      placeholder: "FILE",
      required: true,
      description: "the Ed25519 private key (PEM), as evidence keygen writes it",
    },
    {
      name: "out",
      value: "file",
      placeholder: "FILE",
      description: `where to write the envelope (default ${ENVELOPE_FILE} beside the bundle)`,
    },
  ],
  async run({ args, options }) {
    const file = String(args.bundle);
    const key = readKey(String(options.key), "private");
    const { bytes, bundle } = readBundle(file);
    const statement = bundleStatement(bundle, file, bytes);
    const envelope = signEnvelope(Buffer.from(JSON.stringify(statement), "utf8"), INTOTO_PAYLOAD_TYPE, key);
    const out = options.out === undefined ? join(dirname(file), ENVELOPE_FILE) : String(options.out);
    writeFileAtomic(out, `${JSON.stringify(envelope, null, 2)}\n`);
    process.stdout.write(`signed ${file}: ${out} (key ${envelope.signatures[0]?.keyid})\n`);
    return 0;
  },
};
