import type { Bundle } from "../bundle.js";

export const PREDICATE_TYPE = "https://throughput-gate.dev/attestation/gate-verdict/v1";

/** An in-toto Statement v1: the subjects are the catalog and the candidate config, with their digests. */
export function intotoStatement(bundle: Bundle, subjects: readonly string[]) {
  const inputs = bundle.deterministic.inputs;
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: subjects.map((name) => {
      const input = inputs.find((i) => i.name === name);
      return { name, digest: { sha256: input?.digest ?? "" } };
    }),
    predicateType: PREDICATE_TYPE,
    predicate: {
      verdict: bundle.deterministic.verdict,
      gate: bundle.deterministic.gate,
      determinism_digest: bundle.determinism.digest,
      inputs,
      created_at: bundle.created_at,
    },
  };
}
