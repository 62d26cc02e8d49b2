import { runSequences } from "../sequences.js";
import { type Property, SequenceFailure } from "./property.js";

export const modelSequences: Property = {
  name: "model-sequences",
  catches:
    "any answer that breaks the schema, disagrees with the policy engine run on the target's clock, or breaks an invariant, in random sequences of every call",
  async run({ session, seed, runs }) {
    const outcome = await runSequences(session, seed, runs);
    if (outcome.failure) {
      const { message, ...counterexample } = outcome.failure;
      throw new SequenceFailure(message, counterexample, outcome.sequences);
    }
    return { sequences: outcome.sequences };
  },
};
