import {
  closeSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { UserError } from "../../cli/index.js";
import { errnoCode, errorMessage } from "../../common/index.js";
import { generateSigningKeys, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "../../evidence/index.js";
import { command } from "../command.js";
import { say, withTerminalSafeErrors } from "../terminal-safe.js";

const errorCode = errnoCode;

/** The folder made when missing; a path that is a file (or under one) is refused in one line, exit 2. */
function keyFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = errorCode(err);
    if (code === "EEXIST" || code === "ENOTDIR")
      throw new UserError(`--out-dir ${dir} is a file, or lies under one; give a folder`);
    throw new UserError(`--out-dir ${dir}: cannot make the folder (${code ?? errorMessage(err)})`);
  }
  if (!statSync(dir).isDirectory()) throw new UserError(`--out-dir ${dir} is not a folder; give a folder`);
}

/** A file this run created: removed on failure only while it is still the very file (same device and inode). */
interface Created {
  file: string;
  dev: number;
  ino: number;
}

/**
 * Creates the file, failing when anything is at the path (O_CREAT|O_EXCL: no check before, no rename after, so a
 * file created by another run in between is never replaced, and of two runs at once one fails), and writes it
 * whole to the descriptor it opened.
 */
function createKeyFile(file: string, text: string, mode: number, created: Created[]): void {
  let fd: number;
  try {
    fd = openSync(file, "wx", mode);
  } catch (err) {
    if (errorCode(err) === "EEXIST")
      throw new UserError(
        `${file} already exists; a key is never replaced: remove it or choose another --out-dir`,
      );
    throw new UserError(`${file}: cannot create the key file (${errorCode(err) ?? errorMessage(err)})`);
  }
  try {
    const { dev, ino } = fstatSync(fd);
    created.push({ file, dev, ino });
    const bytes = Buffer.from(text, "utf8");
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeCreated(created: readonly Created[]): void {
  for (const { file, dev, ino } of created) {
    try {
      const now = lstatSync(file);
      if (now.dev === dev && now.ino === ino) unlinkSync(file);
    } catch {
      // Already gone: nothing of this run is left there.
    }
  }
}

export const evidenceKeygen = command({
  name: "evidence keygen",
  summary: `Write a new Ed25519 key pair for signing bundles: ${PRIVATE_KEY_FILE} (PEM, mode 0600) and ${PUBLIC_KEY_FILE}. Exit 0, or 2 when a key file is already there (it is never replaced) or --out-dir is no folder.`,
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
  run: ({ options }) =>
    withTerminalSafeErrors(async () => {
      const dir = String(options["out-dir"]);
      const privateFile = join(dir, PRIVATE_KEY_FILE);
      const publicFile = join(dir, PUBLIC_KEY_FILE);
      keyFolder(dir);
      const keys = generateSigningKeys();
      const created: Created[] = [];
      try {
        // The private key first: of two runs at once, the one that loses it stops before touching the public key.
        createKeyFile(privateFile, keys.privateKey, 0o600, created);
        createKeyFile(publicFile, keys.publicKey, 0o644, created);
      } catch (err) {
        // Half a key pair is no key pair: what this run created goes, what was there before stays.
        removeCreated(created);
        throw err;
      }
      say(process.stdout, `private key: ${privateFile} (keep it secret)`);
      say(process.stdout, `public key: ${publicFile}`);
      return 0;
    }),
});
