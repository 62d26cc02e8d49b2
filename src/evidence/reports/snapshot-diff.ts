import { isJsonObject } from "../../common/index.js";

/** The keys that name an item of a list in a status body, so a field reads class_states[expensive], not [1]. */
const ITEM_NAMES = ["class_name", "queue", "name", "id"] as const;

function itemLabel(item: unknown, index: number): string {
  if (isJsonObject(item)) {
    const key = ITEM_NAMES.find((k) => typeof item[k] === "string");
    if (key) return String(item[key]);
  }
  return String(index);
}

function collect(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value) && value.length) {
    value.forEach((item, i) => {
      collect(item, `${path}[${itemLabel(item, i)}]`, into);
    });
    return;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length) {
    for (const [key, item] of Object.entries(value)) collect(item, path ? `${path}.${key}` : key, into);
    return;
  }
  into.set(path, typeof value === "string" ? value : JSON.stringify(value ?? null));
}

/** Every leaf of a snapshot as a dotted path and its value in words; an empty map for a snapshot not taken. */
export function snapshotFields(snapshot: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (snapshot !== null && snapshot !== undefined) collect(snapshot, "", fields);
  return fields;
}

/** The fields whose value differs from one snapshot to the next, a field present in only one of them included, sorted. */
export function changedFields(from: Map<string, string>, to: Map<string, string>): string[] {
  const paths = [...new Set([...from.keys(), ...to.keys()])];
  return paths.filter((path) => from.get(path) !== to.get(path)).sort();
}
