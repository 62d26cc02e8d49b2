/** The API contract: types generated from contract/nemesis-api.openapi.json and ajv validators compiled from it. */

export { checkResponseLoaded } from "./lazy.js";
export {
  type Arrival,
  checkedProfile,
  checkProfile,
  type Distribution,
  MAX_PROFILE_JOBS,
  PROFILE_SCHEMA_PATH,
  type ProfileNames,
  type ProfileProblem,
  type StressProfile,
} from "./profile.js";
export * from "./types.js";
export {
  CONTRACT_PATH,
  type ContractViolation,
  checkContract,
  checkResponse,
  contractValidator,
  responseSchemaName,
} from "./validate.js";
