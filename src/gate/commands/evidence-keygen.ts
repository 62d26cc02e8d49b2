import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../cli/index.js";
import { writeFileAtomic } from "../../common/index.js";
import { generateSigningKeys } from "../../evidence/index.js";
import type { GateCommand } from "./command.js";

export const PRIVATE_KEY_FILE = "gate-signing.key";
export const PUBLIC_KEY_FILE = "gate-signing.pub";

export const evidenceKeygen: GateCommand = {
  name: "evidence keygen",
  summary: `Write a new Ed25519 key pair for signing bundles: ${PRIVATE_KEY_FILE} (PEM, mode 0600) and ${PUBLIC_KEY_FILE}. Exit 0, or 2 when a key file is already there.`,
  args: [],
  options: [
    {
      name: "out-dir",
      value: "file",
      placeholder: "DIR",
      required: true,
      description: "the folder to write the two key files to (made when missing)",
    },
  ],
  async run({ options }) {
    const dir = String(options["out-dir"]);
    const privateFile = join(dir, PRIVATE_KEY_FILE);
    const publicFile = join(dir, PUBLIC_KEY_FILE);
    // A key is never replaced: a signing key overwritten by mistake cannot be had back.
    for (const file of [privateFile, publicFile])
      if (existsSync(file))
        throw new UserError(`${file} already exists; remove it or choose another --out-dir`);
    mkdirSync(dir, { recursive: true });
    const keys = generateSigningKeys();
    writeFileAtomic(privateFile, keys.privateKey, { mode: 0o600 });
    writeFileAtomic(publicFile, keys.publicKey, { mode: 0o644 });
    process.stdout.write(`private key: ${privateFile} (keep it secret)\npublic key: ${publicFile}\n`);
    return 0;
  },
};
