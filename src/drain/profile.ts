import { readJsonFile, UserError } from "../common/index.js";
import { checkProfile, type ProfileNames, type StressProfile } from "../contract/index.js";

/** A profile that cannot be used: names the file and the JSON path. A usage problem, exit 2. */
export class ProfileError extends UserError {
  override name = "ProfileError";
}

export function parseProfile(raw: unknown, source: string, names?: ProfileNames): StressProfile {
  const problems = checkProfile(raw, names);
  if (problems.length > 0)
    throw new ProfileError(`${source}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return raw as StressProfile;
}

export function loadProfileFile(file: string, names?: ProfileNames): StressProfile {
  return parseProfile(readJsonFile(file, { error: ProfileError }), file, names);
}

/** The queue and class names of a catalog file, read as data. */
export function catalogNames(catalogFile: string): ProfileNames {
  const catalog = readJsonFile(catalogFile, { what: "catalog", error: ProfileError }) as {
    queues: { name: string }[];
    classes: { name: string }[];
  };
  return { queues: catalog.queues.map((q) => q.name), classes: catalog.classes.map((c) => c.name) };
}
