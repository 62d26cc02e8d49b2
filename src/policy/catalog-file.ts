import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateCatalog } from "./catalog.js";
import type { CatalogIssue } from "./catalog-rules/index.js";
import type { Catalog } from "./types.js";

const PACKAGE_ROOT = new URL("../../", import.meta.url);

export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL("gates/policy/catalog.json", PACKAGE_ROOT));
export const CATALOG_SCHEMA_PATH = fileURLToPath(new URL("gates/policy/catalog.schema.json", PACKAGE_ROOT));

/** A catalog that could not be used. Each line names the file, the JSON path and the rule. */
export class CatalogError extends Error {
  /**
   * The user's to fix, as a CLI's usage errors are (exit 2); the policy engine imports no other part, so it says
   * so by this field rather than by extending the CLI's UserError.
   */
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly issues: CatalogIssue[],
  ) {
    super(issues.map((i) => `${file}: ${i.path}: ${i.message} [${i.rule}]`).join("\n"));
    this.name = "CatalogError";
  }
}

/** The largest catalog read: 16 MB, as every other input (the policy engine imports nothing, so it keeps its own). */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

const unreadable = (file: string, why: string) =>
  new CatalogError(file, [{ rule: "file/readable", path: "$", message: `cannot read file (${why})` }]);

/**
 * The text of a regular file of at most MAX_CATALOG_BYTES. The path is checked before it is opened (opening a FIFO
 * blocks) and the open file again before any byte is read, so a folder, a FIFO or `/dev/zero` is refused at once
 * rather than hanging the read or filling memory.
 */
function readBoundedText(file: string): string {
  let fd: number;
  try {
    if (!statSync(file).isFile()) throw unreadable(file, "not a regular file");
    fd = openSync(file, "r");
  } catch (err) {
    if (err instanceof CatalogError) throw err;
    throw unreadable(file, systemCode(err) ?? "unreadable");
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw unreadable(file, "not a regular file");
    if (stats.size > MAX_CATALOG_BYTES) throw unreadable(file, "larger than the 16 MB limit");
    const buffer = Buffer.alloc(stats.size);
    let done = 0;
    while (done < stats.size) {
      const n = readSync(fd, buffer, done, stats.size - done, null);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** The system's code of a failed file call (ENOENT, EACCES); the engine imports nothing, common's helper included. */
function systemCode(err: unknown): string | undefined {
  return err instanceof Error && "code" in err && typeof err.code === "string" ? err.code : undefined;
}

function readJson(file: string): unknown {
  const text = readBoundedText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CatalogError(file, [{ rule: "file/json", path: "$", message }]);
  }
}

/** Reads and validates a catalog file, throwing a CatalogError that names every broken rule. */
export function loadCatalogFile(file: string = DEFAULT_CATALOG_PATH): Catalog {
  const result = validateCatalog(readJson(file));
  if (!result.ok) throw new CatalogError(file, result.issues);
  return result.catalog;
}
