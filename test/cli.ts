import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLIs, as users run them. `npm test` builds them first. */
export function builtBin(relative: string): string {
  const file = fileURLToPath(new URL(`../dist/${relative}`, import.meta.url));
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does)`);
  return file;
}
