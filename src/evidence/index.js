/** Evidence: canonical JSON and digests (the bundle, its schema and reports arrive with the gate). */
export { canonicalDigest, canonicalJson, sha256Hex } from "./canonical.js";
