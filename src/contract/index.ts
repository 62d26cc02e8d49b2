/** The API contract: types generated from contract/nemesis-api.openapi.json and ajv validators compiled from it. */
export * from "./types.js";
export {
  CONTRACT_PATH,
  type ContractViolation,
  checkContract,
  checkResponse,
  contractValidator,
  responseSchemaName,
} from "./validate.js";
