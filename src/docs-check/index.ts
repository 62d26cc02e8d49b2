/** The runbook contract checker: markdown-it's token stream, never grep. */
export { type CheckOptions, checkDocs, checkMarkdown } from "./check.js";
export { invocations, LEGACY_NEMESIS_CTL, NEMESIS_CTL, nemesisCalls } from "./commands.js";
export {
  type DocsContract,
  DocsContractError,
  type FileContract,
  loadDocsContract,
  parseDocsContract,
  selectFiles,
} from "./contract.js";
export { parseMarkdown, sectionsNamed } from "./document.js";
export { type Finding, FORMATS, type Format, formatFindings } from "./finding.js";
export { type LegacyTranslation, translateLegacy } from "./legacy.js";
export { docsRules } from "./rules/index.js";
