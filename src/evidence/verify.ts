import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { errorMessage, isJsonObject, jsonSyntaxError, readRegularFile, UserError } from "../common/index.js";
import { type Bundle, checkedBundle } from "./bundle.js";
import { bundleStatement, checkedEnvelope, type DsseEnvelope, ed25519Key, openEnvelope } from "./signing.js";

/** A key file is a few hundred bytes: anything much larger is not a key, and is refused before it is parsed. */
const MAX_KEY_BYTES = 64 * 1024;

/** The repository the bundle's folder is in (its git top level), else the working directory. */
export function inputsRoot(bundleFile: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd: dirname(resolve(bundleFile)),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return process.cwd();
  }
}

/** The bytes of a file the user named, and a key read from them: any problem is theirs to fix, exit 2. */
export function readSigningKey(file: string, kind: "private" | "public") {
  const pem = readRegularFile(file, { what: `${kind} key`, error: UserError, maxBytes: MAX_KEY_BYTES });
  try {
    return ed25519Key(pem, kind);
  } catch (err) {
    throw new UserError(`${file}: ${errorMessage(err)}`);
  }
}

/**
 * The bundle's bytes and the bundle they parse to, checked against the schema here at the edge: JSON that is no
 * bundle (`null`, `[]`, `{"deterministic": 5}`) is refused in one line naming the file, before any code reads a
 * field of it. Exit 2.
 */
export function readBundle(file: string): { bytes: Buffer; bundle: Bundle } {
  const bytes = readRegularFile(file, { what: "bundle", error: UserError });
  const value = parsedJson(file, "bundle", bytes);
  const { bundle, problems } = checkedBundle(value);
  if (!bundle)
    throw new UserError(
      `${file}: not a gate bundle: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`,
    );
  return { bytes, bundle };
}

/** The file's JSON, or one line naming the file and where its syntax breaks, never quoting its bytes. */
function parsedJson(file: string, what: string, bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: the ${what} is not valid JSON: ${jsonSyntaxError(text, err)}`);
  }
}

/** A DSSE envelope the user named, its shape and its number of signatures checked at the edge; exit 2 otherwise. */
export function readEnvelope(file: string): DsseEnvelope {
  const bytes = readRegularFile(file, { what: "envelope", error: UserError });
  const value = parsedJson(file, "envelope", bytes);
  const checked = checkedEnvelope(value);
  if ("problem" in checked) throw new UserError(`${file}: ${checked.problem}`);
  return checked.envelope;
}

/**
 * Whether the envelope is signed by the key in `pubFile` over a statement of the in-toto type whose subject is
 * these very bundle bytes: the bytes the other checks read, so the bundle cannot change between them.
 */
export function signatureProblems(
  file: string,
  bytes: Buffer,
  bundle: Bundle,
  envelopeFile: string,
  pubFile: string,
): string[] {
  const key = readSigningKey(pubFile, "public");
  if (!existsSync(envelopeFile)) return [`signature: ${envelopeFile} is missing`];
  const envelope = readEnvelope(envelopeFile);
  let payload: Buffer;
  try {
    payload = openEnvelope(envelope, key);
  } catch (err) {
    return [`signature: ${envelopeFile}: ${errorMessage(err)} (${pubFile})`];
  }
  const expected = bundleStatement(bundle, file, bytes).subject[0]?.digest.sha256;
  let statement: unknown = null;
  try {
    statement = JSON.parse(payload.toString("utf8"));
  } catch {
    // Not JSON: no more a statement than a null is.
  }
  if (statement === null)
    return [`signature: ${envelopeFile}: the signed payload is not an in-toto statement`];
  const subject = statementSubjectDigest(statement);
  return subject === expected ? [] : [`signature: ${envelopeFile} signs another bundle (sha256 ${subject})`];
}

/** The sha256 of an in-toto statement's first subject, where it has one. */
function statementSubjectDigest(statement: unknown): unknown {
  const subjects = isJsonObject(statement) ? statement.subject : undefined;
  const first: unknown = Array.isArray(subjects) ? subjects[0] : undefined;
  const digest = isJsonObject(first) ? first.digest : undefined;
  return isJsonObject(digest) ? digest.sha256 : undefined;
}
