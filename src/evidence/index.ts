/** Evidence: the bundle, its canonical digest, its verification, and the reports rendered from it. */
export {
  BUNDLE_SCHEMA_ID,
  BUNDLE_SCHEMA_PATH,
  type Bundle,
  type BundleCheck,
  bundleSchemaProblems,
  createdAt,
  fileDigest,
  type InputDigest,
  sealBundle,
  sectionDigests,
  verifyBundle,
} from "./bundle.js";
export { canonicalDigest, canonicalJson, sha256Hex } from "./canonical.js";
export { annotations } from "./reports/annotations.js";
export { reportHtml } from "./reports/html.js";
export { intotoStatement, PREDICATE_TYPE } from "./reports/intoto.js";
export { junitXml } from "./reports/junit.js";
export { summaryMarkdown } from "./reports/summary-md.js";
export { writeAtomically } from "./write.js";
