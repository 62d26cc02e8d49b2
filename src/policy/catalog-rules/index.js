import { classMembership } from "./class-membership.js";
import { deploymentFit } from "./deployment-fit.js";
import { presetClasses } from "./preset-classes.js";
import { presetQueues } from "./preset-queues.js";
import { presetReferences } from "./preset-references.js";
import { tierParallelism } from "./tier-parallelism.js";
import { uniqueClassAndQueueNames, uniquePresetNames } from "./unique-names.js";
import { warningBelowCritical } from "./warning-below-critical.js";
/** Every catalog rule, in the order their findings are reported. */
export const catalogRules = [
  uniquePresetNames,
  uniqueClassAndQueueNames,
  classMembership,
  presetReferences,
  presetClasses,
  presetQueues,
  warningBelowCritical,
  tierParallelism,
  deploymentFit,
];
