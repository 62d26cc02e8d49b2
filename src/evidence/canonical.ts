import { createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

/** RFC 8785 canonical JSON: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The sha256 of a value's canonical JSON: what `determinism.digest` is made of. */
export function canonicalDigest(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
