/** Evidence: the bundle, its canonical digest, its verification, its signature, and the reports rendered from it. */
export {
  BUNDLE_SCHEMA_ID,
  BUNDLE_SCHEMA_PATH,
  type Bundle,
  type BundleCheck,
  type BundleStep,
  type BundleSteps,
  bundleSchemaProblems,
  bundleSteps,
  checkedInput,
  createdAt,
  fileDigest,
  type InputDigest,
  type InputLocator,
  inputPath,
  type LiveTarget,
  type MeasuredSteps,
  recordedSteps,
  type StepResultsOf,
  sealBundle,
  sectionDigests,
  verifyBundle,
} from "./bundle.js";
export { canonicalDigest, canonicalJson, sha256Hex } from "./canonical.js";
export { annotations } from "./reports/annotations.js";
export { reportHtml } from "./reports/html/page.js";
export { intotoStatement, PREDICATE_TYPE } from "./reports/intoto.js";
export { junitXml } from "./reports/junit.js";
export type { ReportedBundle, ReportedSteps } from "./reports/reported-steps.js";
export { summaryMarkdown } from "./reports/summary-md.js";
export { partialNote, partialScope, verdictLine } from "./reports/verdict.js";
export {
  bundleStatement,
  type DsseEnvelope,
  ENVELOPE_FILE,
  ed25519Key,
  envelopeProblem,
  generateSigningKeys,
  INTOTO_PAYLOAD_TYPE,
  keyId,
  MAX_SIGNATURES,
  openEnvelope,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  preAuthEncoding,
  signEnvelope,
} from "./signing.js";
export { type ReplaceFolderOptions, relocatePaths, removeLeftovers, replaceFolder } from "./staging.js";
export type { Check, NoMeasurements, NoResult, StepError, StepResult, StepStatus } from "./step-result.js";
export { inputsRoot, readBundle, readEnvelope, readSigningKey, signatureProblems } from "./verify.js";
export { writeAtomically } from "./write.js";
