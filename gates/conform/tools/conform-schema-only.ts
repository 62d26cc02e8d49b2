import { conformTool } from "./conform.js";

/** `conform --schema-only`: the response-schema checks alone, the part an OpenAPI-only tool can also do. */
export const conformSchemaOnly = conformTool("conform --schema-only", ["--schema-only"]);
