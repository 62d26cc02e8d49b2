import { isJsonObject, readJsonFile, UserError } from "../common/index.js";
import { checkedProfile, type ProfileNames, type StressProfile } from "../contract/index.js";

/** A profile that cannot be used: names the file and the JSON path. A usage problem, exit 2. */
export class ProfileError extends UserError {
  override name = "ProfileError";
}

export function parseProfile(raw: unknown, source: string, names?: ProfileNames): StressProfile {
  const { profile, problems } = checkedProfile(raw, names);
  if (!profile)
    throw new ProfileError(`${source}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return profile;
}

export function loadProfileFile(file: string, names?: ProfileNames): StressProfile {
  return parseProfile(readJsonFile(file, { error: ProfileError }), file, names);
}

/** The queue and class names of a catalog file, read as data. */
export function catalogNames(catalogFile: string): ProfileNames {
  const catalog = readJsonFile(catalogFile, { what: "catalog", error: ProfileError });
  return {
    queues: entryNames(catalog, "queues", catalogFile),
    classes: entryNames(catalog, "classes", catalogFile),
  };
}

/** The `name` of each entry of the catalog's `queues` or `classes` list; a catalog without that list is refused. */
function entryNames(catalog: unknown, list: "queues" | "classes", catalogFile: string): string[] {
  const entries = isJsonObject(catalog) ? catalog[list] : undefined;
  if (!Array.isArray(entries)) throw new ProfileError(`${catalogFile}: the catalog has no "${list}" list`);
  return entries.map((entry: unknown, i) => {
    if (isJsonObject(entry) && typeof entry.name === "string") return entry.name;
    throw new ProfileError(`${catalogFile}: the catalog's ${list}[${i}] has no name`);
  });
}
