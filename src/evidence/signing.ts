import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { basename } from "node:path";
import { isJsonObject } from "../common/index.js";
import type { Bundle } from "./bundle.js";
import { sha256Hex } from "./canonical.js";
import { intotoStatement } from "./reports/intoto.js";

/** What evidence sign writes beside the bundle, and evidence verify --pub reads there, unless told otherwise. */
export const ENVELOPE_FILE = "bundle.dsse.json";

/** The key pair evidence keygen writes: sign refuses to write its envelope over either. */
export const PRIVATE_KEY_FILE = "gate-signing.key";
export const PUBLIC_KEY_FILE = "gate-signing.pub";

/** The payload type of the envelope: an in-toto Statement, as in-toto and sigstore tools expect. */
export const INTOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse): the payload and its signatures, base64. A
 * signature's keyid is a hint DSSE lets a signer leave out; the envelopes this tool writes always name it.
 */
export interface DsseEnvelope {
  payloadType: string;
  payload: string;
  signatures: { keyid?: string; sig: string }[];
}

/** DSSE's pre-authentication encoding: what is signed, so the payload type is signed with the payload. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, "utf8"),
    type,
    Buffer.from(` ${payload.length} `, "utf8"),
    payload,
  ]);
}

/** A new Ed25519 key pair, both halves as PEM (PKCS#8 private, SPKI public). */
export function generateSigningKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The key id an envelope names: the sha256 of the public key's SPKI bytes. */
export function keyId(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return sha256Hex(pub.export({ type: "spki", format: "der" }));
}

/** An Ed25519 key from PEM; throws a one-line reason when the text is no such key. */
export function ed25519Key(pem: string | Buffer, kind: "private" | "public"): KeyObject {
  let key: KeyObject;
  try {
    key = kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new Error(`not a PEM ${kind} key`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new Error(`a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`);
  return key;
}

/**
 * The in-toto Statement a signature covers: the bundle file itself is the subject (its bytes' sha256), so a byte
 * changed anywhere in it breaks the signature; the predicate is the gate's verdict predicate.
 */
export function bundleStatement(bundle: Bundle, bundleFile: string, bundleBytes: Buffer) {
  const statement = intotoStatement(bundle, []);
  return {
    ...statement,
    subject: [{ name: basename(bundleFile), digest: { sha256: sha256Hex(bundleBytes) } }],
  };
}

/** Signs a payload as a DSSE envelope with an Ed25519 private key. */
export function signEnvelope(payload: Buffer, payloadType: string, privateKey: KeyObject): DsseEnvelope {
  const sig = sign(null, preAuthEncoding(payloadType, payload), privateKey);
  return {
    payloadType,
    payload: payload.toString("base64"),
    signatures: [{ keyid: keyId(privateKey), sig: sig.toString("base64") }],
  };
}

/**
 * The most signatures an envelope may carry. Each costs a signature check, and an envelope of 150,000 took half a
 * minute to refuse; a bundle signed by more than a handful of keys is no case this tool has.
 */
export const MAX_SIGNATURES = 16;

/** Why a parsed JSON value is no DSSE envelope this tool reads; undefined when it is one. */
export function envelopeProblem(value: unknown): string | undefined {
  const checked = checkedEnvelope(value);
  return "problem" in checked ? checked.problem : undefined;
}

/** The envelope a parsed JSON value is, typed; else why it is none (see envelopeProblem). */
export function checkedEnvelope(value: unknown): { envelope: DsseEnvelope } | { problem: string } {
  const shape = "not a DSSE envelope (an object with payloadType, payload and signatures)";
  const refuse = (why: string) => ({ problem: `${shape}: ${why}` });
  if (!isJsonObject(value)) return { problem: shape };
  const { payloadType, payload, signatures } = value;
  if (typeof payloadType !== "string") return refuse("payloadType is not a string");
  if (typeof payload !== "string") return refuse("payload is not a string");
  if (!Array.isArray(signatures) || signatures.length === 0)
    return refuse("signatures is not a list of at least one");
  if (signatures.length > MAX_SIGNATURES)
    return {
      problem: `${signatures.length} signatures, more than the ${MAX_SIGNATURES} an envelope may carry`,
    };
  const listed: unknown[] = signatures;
  const checked: DsseEnvelope["signatures"] = [];
  for (const [i, s] of listed.entries()) {
    if (!isJsonObject(s) || typeof s.sig !== "string") return refuse(`signatures[${i}] has no sig string`);
    if (typeof s.keyid === "string") checked.push({ keyid: s.keyid, sig: s.sig });
    else if (s.keyid === undefined) checked.push({ sig: s.sig });
    else return refuse(`signatures[${i}].keyid is not a string`);
  }
  return { envelope: { payloadType, payload, signatures: checked } };
}

/**
 * The payload of an envelope of the given payload type one of whose signatures verifies with `publicKey`; throws
 * the reason otherwise. The type is checked too: a signature over another type of payload is a signature over
 * something else, even when the bytes would parse as ours.
 */
export function openEnvelope(
  envelope: unknown,
  publicKey: KeyObject,
  payloadType: string = INTOTO_PAYLOAD_TYPE,
): Buffer {
  const checked = checkedEnvelope(envelope);
  if ("problem" in checked) throw new Error(checked.problem);
  const e = checked.envelope;
  if (e.payloadType !== payloadType)
    throw new Error(`payloadType is ${JSON.stringify(e.payloadType)}, not ${JSON.stringify(payloadType)}`);
  const payload = Buffer.from(e.payload, "base64");
  const signed = preAuthEncoding(e.payloadType, payload);
  const good = e.signatures.some((s) => verify(null, signed, publicKey, Buffer.from(s.sig, "base64")));
  if (!good) throw new Error("the signature does not verify with the given public key");
  return payload;
}
