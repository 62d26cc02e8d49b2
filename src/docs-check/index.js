/** The runbook contract checker: markdown-it's token stream, never grep. */
export { checkDocs, checkMarkdown } from "./check.js";
export { invocations, nemesisCalls } from "./commands.js";
export { DOCS_CONTRACT_SCHEMA, DocsContractError, loadDocsContract, parseDocsContract } from "./contract.js";
export { parseMarkdown, sectionsNamed } from "./document.js";
export { escapeData, escapeProperty, FORMATS, formatFindings } from "./finding.js";
export { docsRules } from "./rules/index.js";
