import { closeSync, openSync, readSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "../../cli/index.js";
import { writeFileAtomic } from "../../common/index.js";
import {
  bundleStatement,
  ENVELOPE_FILE,
  INTOTO_PAYLOAD_TYPE,
  inputsRoot,
  PUBLIC_KEY_FILE,
  readBundle,
  readSigningKey,
  signEnvelope,
} from "../../evidence/index.js";
import { command } from "../command.js";
import { say, withTerminalSafeErrors } from "../terminal-safe.js";

const statOf = (file: string): Stats | undefined => {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
};

/** Whether a file starts as PEM does: a key (or a certificate) an envelope must never replace, whoever's it is. */
function holdsPem(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(11);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("latin1") === "-----BEGIN ";
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses an --out that is a file the command reads or a key: the envelope is renamed over the target, and a
 * private key or a bundle replaced by it is lost. Same file means the same device and inode, so a symbolic link, a
 * hard link or a folder reached another way is caught as well as the same path.
 */
function checkOut(out: string, path: string, inputs: { what: string; file: string }[]): void {
  const target = statOf(path);
  if (!target) return;
  for (const { what, file } of inputs) {
    const input = statOf(file);
    if (input && input.dev === target.dev && input.ino === target.ino)
      throw new UserError(`--out ${out} is the ${what} (${file}); write the envelope elsewhere`);
  }
  if (target.isFile() && holdsPem(path))
    throw new UserError(`--out ${out} holds a PEM key; write the envelope elsewhere`);
}

/** The path with its folder's links resolved (when the folder exists): what the rename will really replace. */
function realFolderPath(file: string): string {
  try {
    return join(realpathSync(dirname(resolve(file))), basename(file));
  } catch {
    return resolve(file);
  }
}

/** Warns when the private key is open to others than its owner: whoever can read it can sign as its owner. */
function warnIfReadable(keyFile: string): void {
  const mode = statOf(keyFile)?.mode ?? 0;
  if (mode & 0o077)
    say(
      process.stderr,
      `throughput-gate: warning: ${keyFile} is readable by others than its owner (mode ${(mode & 0o777).toString(8).padStart(4, "0")}); chmod 600 it`,
    );
}

export const evidenceSign = command({
  name: "evidence sign",
  summary: `Sign a bundle that verifies (as evidence verify checks it without a key): a DSSE envelope (${ENVELOPE_FILE} beside it) over an in-toto statement whose subject is the bundle file, with an Ed25519 key. Exit 0, or 2 for an unreadable, malformed or unverified bundle, a bad key, or an --out that is one of the inputs or a key.`,
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
      description: `where to write the envelope (default ${ENVELOPE_FILE} beside the bundle); never a key or the bundle`,
    },
    {
      name: "root",
      value: "file",
      placeholder: "DIR",
      description:
        "the repository the bundle's inputs are named from, to check them before signing (default as evidence verify)",
    },
  ],
  run: ({ args, options }) =>
    withTerminalSafeErrors(async () => {
      const { integrityProblems } = await import("../verify.js");
      const file = String(args.bundle);
      const keyFile = String(options.key);
      const out = options.out === undefined ? join(dirname(file), ENVELOPE_FILE) : String(options.out);
      const key = readSigningKey(keyFile, "private");
      warnIfReadable(keyFile);
      const { bytes, bundle } = readBundle(file);
      // A signature vouches for the bundle: one that does not verify against its own inputs is not signed.
      const root = options.root === undefined ? inputsRoot(file) : resolve(String(options.root));
      const problems = integrityProblems(bundle, root);
      if (problems.length)
        throw new UserError(
          `${file}: does not verify, not signed: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more; evidence verify lists them)` : ""}`,
        );
      const statement = bundleStatement(bundle, file, bytes);
      const envelope = signEnvelope(Buffer.from(JSON.stringify(statement), "utf8"), INTOTO_PAYLOAD_TYPE, key);
      // Checked last, just before the write, and written where it was checked: the folder's real path, so a link
      // swapped into the path in the meantime cannot send the rename over a key.
      const target = realFolderPath(out);
      const keyBase = basename(keyFile).replace(/\.key$/, "");
      checkOut(out, target, [
        { what: "bundle", file },
        { what: "private key", file: keyFile },
        { what: "public key", file: join(dirname(keyFile), PUBLIC_KEY_FILE) },
        { what: "public key", file: join(dirname(keyFile), `${keyBase}.pub`) },
      ]);
      writeFileAtomic(target, `${JSON.stringify(envelope, null, 2)}\n`, {
        createDirectory: true,
        error: UserError,
      });
      say(process.stdout, `signed ${file}: ${out} (key ${envelope.signatures[0]?.keyid})`);
      return 0;
    }),
});
