import { readFileSync } from "node:fs";
import os from "node:os";
import { isObject } from "./json-shape.js";

/** What a measurement depends on besides the code. Results from different fingerprints are not comparable. */
export interface Fingerprint {
  node: string;
  cpu: string;
  cores: number;
  os: string;
  tinybench: string;
  timer: string;
  /** The language runtime of a foreign result, e.g. "CPython 3.11.7"; ours runs on `node`. */
  runtime?: string;
}

const COMPARED: (keyof Fingerprint)[] = ["node", "runtime", "cpu", "cores", "os", "tinybench", "timer"];

function tinybenchVersion(): string {
  try {
    const url = new URL("../../node_modules/tinybench/package.json", import.meta.url);
    const manifest: unknown = JSON.parse(readFileSync(url, "utf8"));
    return isObject(manifest) && typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
}

export function fingerprint(timer: string): Fingerprint {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    tinybench: tinybenchVersion(),
    timer,
  };
}

/**
 * The fields that differ, e.g. ["cpu", "node"]; empty when the environments match. Each is an environment as a
 * result file records it, so a field may be absent or of any type.
 */
export function fingerprintDiff(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
): string[] {
  if (!a || !b) return ["unknown"];
  return COMPARED.filter((k) => a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]);
}
