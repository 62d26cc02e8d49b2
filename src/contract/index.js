/** The API contract: types generated from contract/nemesis-api.openapi.json and ajv validators compiled from it. */
export { checkProfile, PROFILE_SCHEMA_PATH } from "./profile.js";
export * from "./types.js";
export {
  CONTRACT_PATH,
  checkContract,
  checkResponse,
  contractValidator,
  responseSchemaName,
} from "./validate.js";
