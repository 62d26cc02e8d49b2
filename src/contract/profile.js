import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
export const PROFILE_SCHEMA_PATH = fileURLToPath(
  new URL("../../contract/stress-profile.schema.json", import.meta.url),
);
let validator;
function validate() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(PROFILE_SCHEMA_PATH, "utf8"));
    validator = new Ajv2020({ allErrors: true, strict: true, discriminator: true }).compile(schema);
  }
  return validator;
}
function jsonPath(pointer) {
  return pointer
    .split("/")
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "$");
}
function problem(e) {
  const params = e.params;
  if (params.missingProperty)
    return { path: jsonPath(e.instancePath), message: `missing "${params.missingProperty}"` };
  if (params.additionalProperty) {
    return { path: jsonPath(e.instancePath), message: `unknown field "${params.additionalProperty}"` };
  }
  return { path: jsonPath(e.instancePath), message: e.message ?? "is invalid" };
}
function nameProblems(profile, names) {
  const out = [];
  const queue = (name, path) => {
    if (!names.queues.includes(name))
      out.push({ path, message: `unknown queue "${name}" (known: ${names.queues.join(", ")})` });
  };
  for (const name of Object.keys(profile.workers)) queue(name, `$.workers.${name}`);
  profile.arrivals.forEach((a, i) => {
    queue(a.queue, `$.arrivals[${i}].queue`);
    if (profile.workers[a.queue] === undefined && names.queues.includes(a.queue)) {
      out.push({ path: `$.arrivals[${i}].queue`, message: `queue "${a.queue}" has arrivals but no workers` });
    }
  });
  for (const name of Object.keys(profile.service_time)) {
    if (!names.classes.includes(name)) {
      out.push({
        path: `$.service_time.${name}`,
        message: `unknown class "${name}" (known: ${names.classes.join(", ")})`,
      });
    }
  }
  for (const name of names.classes) {
    if (!(name in profile.service_time))
      out.push({ path: "$.service_time", message: `no service time for class "${name}"` });
  }
  return out;
}
/** Everything wrong with a profile: its schema first, then the catalog names it uses. Empty when usable. */
export function checkProfile(raw, names) {
  const check = validate();
  if (!check(raw)) return (check.errors ?? []).map(problem);
  return names ? nameProblems(raw, names) : [];
}
