import { commandAlignment } from "./command-alignment.js";
import { legacyCommands } from "./legacy-commands.js";
import { linkTargets } from "./link-targets.js";
import { minLines } from "./min-lines.js";
import { requiredHeading } from "./required-heading.js";
import { requiredLinks } from "./required-links.js";
import type { DocsRule } from "./rule.js";
import { sectionCommands } from "./section-commands.js";
import { sectionTerms } from "./section-terms.js";
import { triggerIds } from "./trigger-ids.js";

export type { DocsRule, RuleContext } from "./rule.js";

/** Every docs rule, in the order their findings are reported for a file. */
export const docsRules: readonly DocsRule[] = [
  minLines,
  requiredHeading,
  sectionTerms,
  sectionCommands,
  triggerIds,
  requiredLinks,
  linkTargets,
  commandAlignment,
  legacyCommands,
];
